import { describe, expect, it } from 'vitest';
import { COMMANDS, loadAllCommands, loadCommand } from './registry';

describe('the command registry', () => {
  it('registers every command under the name it answers to, in help order', async () => {
    const commands = await loadAllCommands();
    expect(commands.map((c) => c.name)).toEqual([...COMMANDS.keys()]);
    expect(commands.map((c) => c.name).slice(0, 3)).toEqual(['validate', 'fmt', 'diff']);
  });

  it('knows no command by a name it does not list, not even one every object has', async () => {
    expect(await loadCommand('toString')).toBeUndefined();
    expect(await loadCommand('__proto__')).toBeUndefined();
    expect((await loadCommand('validate'))?.name).toBe('validate');
  });
});
