import { describe, expect, it } from 'vitest';
import { Lifecycle } from '../../simulators/core/lifecycle.ts';

type Task = 'NEW' | 'WORKED' | 'DONE';
const tasks = new Lifecycle<Task>('task', { NEW: ['WORKED', 'DONE'], WORKED: ['WORKED', 'DONE'], DONE: [] });

describe('Lifecycle', () => {
  it('lists its states in declaration order', () => {
    expect(tasks.name).toBe('task');
    expect(tasks.states).toEqual(['NEW', 'WORKED', 'DONE']);
  });

  it('allows exactly the declared transitions', () => {
    const allowed: string[] = [];
    for (const from of tasks.states)
      for (const to of tasks.states) if (tasks.canMove(from, to)) allowed.push(`${from}>${to}`);
    expect(allowed).toEqual(['NEW>WORKED', 'NEW>DONE', 'WORKED>WORKED', 'WORKED>DONE']);
  });

  it('recognises only its own states, not inherited object keys', () => {
    expect(tasks.isState('WORKED')).toBe(true);
    for (const v of ['worked', 'toString', '__proto__', 'constructor', '', 1, null, undefined]) {
      expect(tasks.isState(v)).toBe(false);
    }
  });

  it('an unknown "from" state (e.g. from a stored file) is a refusal, not a crash', () => {
    expect(tasks.canMove('toString' as Task, 'DONE')).toBe(false);
    expect(tasks.canMove('GONE' as Task, 'DONE')).toBe(false);
  });
});
