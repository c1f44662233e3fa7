// The designer cannot import the server's password rule (it sits next to the native argon2
// hashing), so it keeps its own copy of the minimum length. Every field where someone chooses a
// password is drawn by one component; this holds that component to the server's number, in the
// browser's check and in the words the person reads.
import { createElement } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import { MIN_PASSWORD_LENGTH as SERVER_MINIMUM } from '../../engine/src/auth/passwords';
import { i18next } from '../../designer/src/i18n';
import { MIN_PASSWORD_LENGTH, NewPassword } from '../../designer/src/screens/PasswordFields';

const newPasswordField = () =>
  renderToStaticMarkup(createElement(NewPassword, { id: 'new', value: '', onChange: () => undefined }));

describe('a new password field follows the server’s rule', () => {
  it('refuses in the browser what the server would refuse for length', () => {
    expect(MIN_PASSWORD_LENGTH).toBe(SERVER_MINIMUM);
    expect(newPasswordField()).toContain(`minLength="${SERVER_MINIMUM}"`);
  });

  it('names the minimum in German and in English', async () => {
    await i18next.changeLanguage('de');
    expect(newPasswordField()).toContain(`mindestens ${SERVER_MINIMUM} Zeichen`);
    await i18next.changeLanguage('en');
    expect(newPasswordField()).toContain(`at least ${SERVER_MINIMUM} characters`);
  });
});
