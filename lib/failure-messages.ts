import type { Failure } from './failure';

export interface FailureContext {
  /** "netbox.example.com" */
  instanceLabel: string;
  /** Base URL of the NetBox instance, for links to its login page / plugin pages. */
  baseUrl: string;
  /** ms since epoch of the last good answer, if any. */
  lastSuccessAt?: number;
}

export type FailureAction =
  | { kind: 'link'; label: string; href: string }
  | { kind: 'retry'; label: string };

export interface FailureMessage {
  /** Short heading, e.g. "Not logged in to NetBox". */
  title: string;
  /** One plain sentence (or two) saying what happened and what to do. */
  sentence: string;
  action?: FailureAction;
  /** Whether the view keeps retrying by itself (with backoff). */
  retrying: boolean;
}

/** The panel's table: every FailureKind to what the user reads and can do. */
export function describeFailure(failure: Failure, ctx: FailureContext): FailureMessage {
  throw new Error('not implemented');
}
