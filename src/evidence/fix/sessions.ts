/**
 * The sessions of a run, found from a message's BeginString and CompIDs (either way round: one
 * session covers both directions), created on first sight.
 */
import type { GapSettings } from './gaps.js';
import { detach } from './message.js';
import { SessionState, sessionKey } from './session.js';
import type { SessionId } from './types.js';

/** The CompIDs (copies) and BeginString of the previous message, and its session. */
export interface Route {
  begin: string;
  sender: string;
  target: string;
  state: SessionState;
}

export class SessionTable {
  private readonly sessions = new Map<string, SessionState>();
  private readonly routes = new Map<string, Map<string, SessionState>>();
  private lastRoute: Route | null = null;

  constructor(private readonly gap: GapSettings) {}

  /** The previous message's route: its CompIDs are most often the next one's too (or swapped). */
  get last(): Route | null {
    return this.lastRoute;
  }

  /** Every session, in order of first sight. */
  values(): IterableIterator<SessionState> {
    return this.sessions.values();
  }

  /**
   * `sessionFor`, answered without a lookup while the CompIDs and BeginString repeat those of the
   * previous message (it is a function of them once both CompIDs are given: sessions are only added).
   */
  routeFor(beginString: string, sender: string | null, target: string | null, named: SessionId | null): SessionState {
    const last = this.lastRoute;
    if (sender === null || target === null) return this.sessionFor(beginString, sender, target, named);
    // Either way round: a session is one state for both directions.
    if (last !== null && last.begin === beginString && ((last.sender === sender && last.target === target) || (last.sender === target && last.target === sender))) return last.state;
    const state = this.sessionFor(beginString, sender, target, named);
    // Copies: kept until the CompIDs change, they must not pin the log buffer.
    this.lastRoute = { begin: detach(beginString), sender: detach(sender), target: detach(target), state };
    return state;
  }

  /**
   * The session of a message from `sender` to `target` (a CompID missing from a truncated header is
   * completed from the session the log names, `named`), created on first sight.
   */
  sessionFor(beginString: string, sender: string | null, target: string | null, named: SessionId | null): SessionState {
    let a = sender;
    let b = target;
    if ((a === null || b === null) && named) {
      // A header missing a CompID (a truncated message): complete it from the session the log names.
      const pair = [named.senderCompId, named.targetCompId];
      if (a !== null) b = pair.find((x) => x !== a) ?? null;
      else if (b !== null) a = pair.find((x) => x !== b) ?? null;
      else {
        a = named.senderCompId;
        b = named.targetCompId;
      }
    }
    // Per-line lookup by the CompIDs as they stand (no key string built); both orders lead to one state.
    const byTarget = this.routes.get(a ?? '?');
    const known = byTarget?.get(b ?? '?');
    if (known !== undefined && known.beginString === beginString) return known;
    // Kept for the whole run: copies, so that they do not pin the log buffer they were read from.
    const first = detach(a ?? '?');
    const second = detach(b ?? '?');
    const begin = detach(beginString);
    const key = sessionKey(begin, first, second);
    let state = this.sessions.get(key);
    if (!state) {
      state = new SessionState(begin, first, second, this.gap);
      this.sessions.set(key, state);
    }
    if (byTarget) byTarget.set(second, state);
    else this.routes.set(first, new Map([[second, state]]));
    return state;
  }
}
