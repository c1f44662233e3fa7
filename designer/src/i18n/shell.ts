// The app frame and signing in: title, navigation, login, accepting an invitation.
// German first; the English type follows the German one, so no key can be missing.
export const shellDe = {
  app: { title: 'Callflow', subtitle: 'Anrufabläufe gestalten', language: 'Sprache', switchTo: 'English' },
  nav: {
    main: 'Hauptnavigation',
    flows: 'Anrufabläufe',
    numbers: 'Rufnummern',
    inbox: 'Posteingang',
    receipts: 'Löschnachweise',
    organisations: 'Organisationen',
    targets: 'Weiterleitungsziele',
    adminNumbers: 'Rufnummern vergeben',
    logout: 'Abmelden',
    back: 'Zur Übersicht',
    skipToContent: 'Zum Inhalt springen',
    skipToCanvas: 'Zur Arbeitsfläche',
  },
  login: {
    title: 'Anmelden',
    email: 'E-Mail-Adresse',
    password: 'Passwort',
    submit: 'Anmelden',
    failed: 'Anmeldung fehlgeschlagen. Bitte prüfen Sie E-Mail-Adresse und Passwort.',
    offline: 'Ohne Server arbeiten (nur in diesem Browser)',
  },
  invitation: {
    title: 'Einladung annehmen',
    hint: 'Legen Sie Ihren Namen und Ihr Passwort fest (mindestens {{min}} Zeichen, kein gängiges Passwort). Haben Sie schon ein Konto mit dieser E-Mail-Adresse, geben Sie dessen Passwort ein.',
    name: 'Ihr Name',
    password: 'Passwort',
    submit: 'Einladung annehmen',
  },
};
export type ShellMessages = typeof shellDe;

export const shellEn: ShellMessages = {
  app: { title: 'Callflow', subtitle: 'Design call flows', language: 'Language', switchTo: 'Deutsch' },
  nav: {
    main: 'Main navigation',
    flows: 'Call flows',
    numbers: 'Phone numbers',
    inbox: 'Inbox',
    receipts: 'Deletion receipts',
    organisations: 'Organisations',
    targets: 'Transfer targets',
    adminNumbers: 'Assign numbers',
    logout: 'Log out',
    back: 'Back to overview',
    skipToContent: 'Skip to content',
    skipToCanvas: 'Skip to the canvas',
  },
  login: {
    title: 'Log in',
    email: 'Email address',
    password: 'Password',
    submit: 'Log in',
    failed: 'Login failed. Please check email address and password.',
    offline: 'Work without a server (this browser only)',
  },
  invitation: {
    title: 'Accept the invitation',
    hint: 'Choose your name and a password (at least {{min}} characters, not a common one). If you already have an account with this e-mail address, enter its password.',
    name: 'Your name',
    password: 'Password',
    submit: 'Accept the invitation',
  },
};
