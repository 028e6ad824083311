// Where preferences are kept. Core depends on this port; src/store implements it.
import type { Preferences } from './preferences.ts';

export interface PreferencesRepository {
  /** null when the target has no preferences yet (not onboarded). */
  load(targetId: number): Promise<Preferences | null>;
  /** Replaces the target's preferences as a whole, atomically. */
  save(targetId: number, preferences: Preferences): Promise<void>;
}
