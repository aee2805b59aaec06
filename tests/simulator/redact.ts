// proxbox-api's log handler redacts secrets from a message and its traceback before
// storing them (proxbox_api/log_buffer.py `_PII_PATTERNS`, applied in this order).
const PATTERNS: Array<[RegExp, string]> = [
  [/(?:token|password|secret|key|auth)[=:]\s*["']?[a-zA-Z0-9_-]{8,}["']?/gi, '[REDACTED]'],
  [/Bearer\s+[a-zA-Z0-9_.-]+/g, 'Bearer [REDACTED]'],
  [/Basic\s+[a-zA-Z0-9+/=]+/g, 'Basic [REDACTED]'],
  [/X-Proxbox-API-Key:\s*[a-zA-Z0-9]+/gi, 'X-Proxbox-API-Key: [REDACTED]'],
];

export function redactSecrets(text: string): string {
  let out = text;
  for (const [pattern, replacement] of PATTERNS) out = out.replace(pattern, replacement);
  return out;
}
