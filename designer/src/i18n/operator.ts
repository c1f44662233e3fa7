// Phone numbers, transfer targets and the operator's screens.
// German first; the English type follows the German one, so no key can be missing.
export const operatorDe = {
  numbers: {
    title: 'Rufnummern',
    number: 'Rufnummer (z. B. 030 123456 oder +49 30 123456)',
    flow: 'Anrufablauf',
    bind: 'Zuordnen',
    none: 'Noch keine Rufnummern zugeordnet.',
    assigned: 'Ihre Rufnummern (vom Betreiber vergeben): {{numbers}}',
    noneAssigned: 'Ihre Organisation hat noch keine Rufnummer. Der Betreiber vergibt sie.',
    unbind: 'Trennen',
    publishFirst:
      'Noch kein Anrufablauf ist veröffentlicht. Veröffentlichen Sie zuerst einen – dann kann er unter Ihrer Rufnummer Anrufe annehmen.',
  },
  targets: {
    title: 'Weiterleitungsziele',
    hint: 'Nur diese Rufnummern darf eine Weiterleitung an Mitarbeitende anrufen. Anrufabläufe nennen sie mit ihrer Kennung (z. B. „empfang").',
    none: 'Noch keine Weiterleitungsziele.',
    id: 'Kennung (z. B. empfang)',
    label: 'Bezeichnung (z. B. Empfang)',
    number: 'Rufnummer (z. B. 030 123456 oder +49 30 123456)',
    add: 'Hinzufügen',
  },
  admin: {
    organisationsTitle: 'Organisationen',
    name: 'Name der Organisation',
    ownerEmail: 'E-Mail-Adresse der Inhaberin / des Inhabers',
    create: 'Anlegen',
    invitationHint:
      'Einladungslink für die Inhaberin / den Inhaber — nur einmal gültig, bis {{until}}. Geben Sie ihn nur dieser Person.',
    status: { active: 'aktiv', suspended: 'gesperrt' },
    size: '{{members}}, {{flows}}',
    members_one: '1 Person',
    members_other: '{{count}} Personen',
    flows_one: '1 Anrufablauf',
    flows_other: '{{count}} Anrufabläufe',
    suspend: 'Sperren',
    resume: 'Entsperren',
    delete: 'Löschen …',
    deleteTitle: '„{{name}}" löschen',
    deleteWhat:
      '„{{name}}" wird endgültig gelöscht: {{flows}}, {{members}} mit ihren Zugängen und API-Tokens, die Rufnummern {{numbers}} und alle gespeicherten Gesprächsnotizen (vernichtet, mit Löschnachweis). Die Löschnachweise bleiben erhalten — die Organisation sollte sie vorher herunterladen.',
    deleteConfirm: '„{{name}}" endgültig löschen',
    cancel: 'Abbrechen',
    organisation: 'Organisation',
    assign: 'Zuweisen',
    release: 'Freigeben',
    notBound: 'noch keinem Anrufablauf zugeordnet',
    noNumbers: 'Noch keine Rufnummern vergeben.',
  },
};
export type OperatorMessages = typeof operatorDe;

export const operatorEn: OperatorMessages = {
  numbers: {
    title: 'Phone numbers',
    number: 'Phone number (e.g. 030 123456 or +49 30 123456)',
    flow: 'Call flow',
    bind: 'Bind',
    none: 'No phone numbers bound yet.',
    assigned: 'Your numbers (given by the operator): {{numbers}}',
    noneAssigned: 'Your organisation has no phone number yet. The operator assigns them.',
    unbind: 'Unbind',
    publishFirst:
      'No call flow is published yet. Publish one first, then it can answer calls on your number.',
  },
  targets: {
    title: 'Transfer targets',
    hint: 'A transfer to staff may ring only these numbers. Call flows name them by their id (e.g. "empfang").',
    none: 'No transfer targets yet.',
    id: 'Id (e.g. empfang)',
    label: 'Label (e.g. Reception)',
    number: 'Phone number (e.g. +4930123456)',
    add: 'Add',
  },
  admin: {
    organisationsTitle: 'Organisations',
    name: 'Name of the organisation',
    ownerEmail: "Owner's e-mail address",
    create: 'Create',
    invitationHint:
      'Invitation link for the owner — valid once, until {{until}}. Give it to that person only.',
    status: { active: 'active', suspended: 'suspended' },
    size: '{{members}}, {{flows}}',
    members_one: '1 person',
    members_other: '{{count}} people',
    flows_one: '1 call flow',
    flows_other: '{{count}} call flows',
    suspend: 'Suspend',
    resume: 'Resume',
    delete: 'Delete …',
    deleteTitle: 'Delete "{{name}}"',
    deleteWhat:
      '"{{name}}" will be deleted for good: {{flows}}, {{members}} with their logins and API tokens, the phone numbers {{numbers}} and every stored call note (shredded, with a deletion receipt). The deletion receipts are kept — the organisation should download them first.',
    deleteConfirm: 'Delete "{{name}}" for good',
    cancel: 'Cancel',
    organisation: 'Organisation',
    assign: 'Assign',
    release: 'Release',
    notBound: 'not bound to a call flow yet',
    noNumbers: 'No phone numbers assigned yet.',
  },
};
