/**
 * Lifecycles are declared as data: the allowed transitions per state. Models ask `canMove`/`move` instead of
 * scattering `if (state === ...)` checks, and docs/tests can enumerate the table.
 */
export type TransitionTable<S extends string> = Readonly<Record<S, readonly S[]>>;

export class Lifecycle<S extends string> {
  constructor(
    readonly name: string,
    readonly transitions: TransitionTable<S>,
  ) {}

  get states(): S[] {
    return Object.keys(this.transitions) as S[];
  }

  isState(value: unknown): value is S {
    return typeof value === 'string' && Object.hasOwn(this.transitions, value);
  }

  canMove(from: S, to: S): boolean {
    // A state read back from a stored file may be anything: an unknown one allows no move rather than throwing.
    return this.isState(from) && this.transitions[from].includes(to);
  }
}
