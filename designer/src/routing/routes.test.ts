import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { EDITOR_PANELS, pathToScreen, screenToPath, type Screen } from './routes';

describe('screens as addresses', () => {
  it.each<[Screen, string]>([
    [{ name: 'flows' }, '#/ablaeufe'],
    [{ name: 'editor', flowId: 'f-1' }, '#/ablaeufe/f-1'],
    [{ name: 'editor', flowId: 'f-1', step: 'begruessung' }, '#/ablaeufe/f-1?schritt=begruessung'],
    [{ name: 'editor', flowId: 'f-1', panel: 'versions' }, '#/ablaeufe/f-1/versionen'],
    [
      { name: 'editor', flowId: 'f-1', panel: 'versions', compare: { from: 'draft', to: 3 } },
      '#/ablaeufe/f-1/versionen/vergleich/entwurf/3',
    ],
    [{ name: 'editor', flowId: null }, '#/ohne-server'],
    [{ name: 'inbox' }, '#/posteingang'],
    [{ name: 'inbox', note: 'tx-9' }, '#/posteingang/tx-9'],
    [{ name: 'receipts' }, '#/loeschnachweise'],
    [{ name: 'numbers' }, '#/rufnummern'],
    [{ name: 'targets' }, '#/weiterleitungsziele'],
    [{ name: 'organisations' }, '#/organisationen'],
    [{ name: 'admin-numbers' }, '#/rufnummern-vergeben'],
  ])('%j ⇄ %s', (screen, path) => {
    expect(screenToPath(screen)).toBe(path);
    expect(pathToScreen(path)).toEqual(screen);
  });

  it('leaves the address alone on the login page and the invitation page', () => {
    expect(screenToPath({ name: 'login' })).toBeNull();
    expect(screenToPath({ name: 'invitation', token: 'secret' })).toBeNull();
    expect(pathToScreen('#einladung=secret')).toBeNull();
  });

  it('never puts something that looks like a phone number into the address', () => {
    const path = screenToPath({ name: 'editor', flowId: 'f', step: 'rueckruf-0171-1234567' });
    expect(path).toBe('#/ablaeufe/f');
  });

  it('ignores addresses it does not know instead of guessing', () => {
    for (const hash of ['', '#', '#/', '#/unbekannt', '#/rufnummern/0171123456', '#/ablaeufe/%E0%A4%A'])
      expect(pathToScreen(hash)).toBeNull();
    // A comparison needs two sides; a panel word it does not know opens the flow itself.
    expect(pathToScreen('#/ablaeufe/f/versionen/vergleich/2')).toEqual({
      name: 'editor',
      flowId: 'f',
      panel: 'versions',
    });
    expect(pathToScreen('#/ablaeufe/f/irgendwas')).toEqual({ name: 'editor', flowId: 'f' });
  });

  it('round-trips any editor screen, whatever the ids contain', () => {
    const ref = fc.oneof(fc.constant<'draft'>('draft'), fc.integer({ min: 1, max: 9999 }));
    const editor = fc.record(
      {
        name: fc.constant<'editor'>('editor'),
        flowId: fc.string({ minLength: 1 }),
        step: fc.string({ minLength: 1 }).filter((s) => !/\d{3}/.test(s)),
        panel: fc.constantFrom(...EDITOR_PANELS.filter((p) => p !== 'inspector')),
        compare: fc.record({ from: ref, to: ref }),
      },
      { requiredKeys: ['name', 'flowId'] },
    );
    fc.assert(
      fc.property(editor, (s) => {
        const screen: Screen = s.panel === 'versions' ? s : { ...s, compare: undefined };
        const back = pathToScreen(screenToPath(screen)!);
        expect(back).toEqual(JSON.parse(JSON.stringify(screen)));
      }),
    );
  });
});
