import { serveFetchRelay } from '@/lib/browser/fetch-relay';

// Chromium only: the worker's requests to HTTPS backends, made from a document so that a
// certificate the user accepted in this browser is honoured (lib/browser/fetch-relay.ts).
serveFetchRelay();
