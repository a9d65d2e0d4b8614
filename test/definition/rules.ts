/**
 * Zapier's integration checks that can be judged offline (see ZAPIER.md), applied to the app
 * definition as Zapier serialises it. Each rule returns the places that break it.
 */

export interface FieldDef {
  key: string;
  label?: string;
  helpText?: string;
  type?: string;
  default?: string;
  dynamic?: string;
  choices?: unknown;
  children?: FieldDef[];
}

export interface ActionDef {
  key: string;
  noun: string;
  display: { label: string; description: string; hidden?: boolean };
  operation: {
    inputFields?: unknown[];
    sample?: Record<string, unknown>;
    outputFields?: unknown[];
  };
}

export interface Definition {
  authentication: { type: string; connectionLabel?: unknown; fields: FieldDef[] };
  triggers: Record<string, ActionDef>;
  searches: Record<string, ActionDef>;
  creates: Record<string, ActionDef>;
}

export type Kind = 'triggers' | 'searches' | 'creates';
export interface Violation {
  rule: string;
  where: string;
}

/**
 * Id inputs that cannot be backed by a dropdown, with the reason. Anything else named like an id
 * must have `dynamic` or `choices`.
 */
const IDS_WITHOUT_A_LIST: Record<string, string> = {
  network_traffic_source_id: 'Everflow documents no endpoint that lists traffic sources',
  source_id: "Everflow's Source ID is free text the user makes up, not a record to pick",
  sharedId:
    "Impact's Shared ID is free text the partner shares with the brand, not a record to pick",
  mediaPropertyId: "api/impact.md documents no endpoint that lists a partner's media properties",
};

const SMALL_WORDS = new Set([
  'a',
  'an',
  'and',
  'as',
  'at',
  'by',
  'for',
  'from',
  'in',
  'of',
  'on',
  'or',
  'the',
  'to',
  'with',
]);
const DESCRIPTION_START: Record<Kind, string> = {
  triggers: 'Triggers when ',
  searches: 'Finds ',
  creates: 'Creates ',
};

function isTitleCase(label: string): boolean {
  return label.split(/\s+/).every((word, i) => {
    const letters = word.replace(/^[^A-Za-z0-9]+/, '');
    if (letters === '' || /^\d/.test(letters)) return true;
    if (i > 0 && SMALL_WORDS.has(letters)) return true;
    return letters[0] === letters[0].toUpperCase();
  });
}

const isField = (value: unknown): value is FieldDef =>
  typeof value === 'object' && value !== null && typeof (value as FieldDef).key === 'string';

export function visibleActions(def: Definition): [Kind, ActionDef][] {
  return (['triggers', 'searches', 'creates'] as const).flatMap((kind) =>
    Object.values(def[kind])
      .filter((action) => !action.display.hidden)
      .map((action): [Kind, ActionDef] => [kind, action]),
  );
}

/** Sample keys as Zapier flattens them: `a__b` for nested objects, `list[]key` for line items. */
function sampleKeys(sample: Record<string, unknown>, prefix = ''): string[] {
  return Object.entries(sample).flatMap(([key, value]) => {
    const path = `${prefix}${key}`;
    if (Array.isArray(value)) {
      const first = value.find((item) => typeof item === 'object' && item !== null);
      return first ? sampleKeys(first as Record<string, unknown>, `${path}[]`) : [path];
    }
    if (typeof value === 'object' && value !== null) {
      return sampleKeys(value as Record<string, unknown>, `${path}__`);
    }
    return [path];
  });
}

function allFields(fields: unknown[] | undefined): FieldDef[] {
  return (fields ?? []).filter(isField).flatMap((field) => [field, ...allFields(field.children)]);
}

const where = (kind: Kind, action: ActionDef, detail = '') => `${kind}.${action.key}${detail}`;

/** Field-level rules, also used for fields an action builds at run time. */
export function checkFields(fields: FieldDef[], at: string, idsNeedLists = true): Violation[] {
  const violations: Violation[] = [];
  for (const field of fields) {
    const label = field.label?.trim().toLowerCase();
    const help = field.helpText?.trim().toLowerCase();
    if (label && help && (help === label || help === `${label}.`)) {
      violations.push({ rule: 'help text repeats the label', where: `${at}.${field.key}` });
    }
    if (field.label && !isTitleCase(field.label)) {
      violations.push({ rule: 'field label in Title Case', where: `${at}.${field.key}` });
    }
    const looksLikeId = /(^id$|_id$|Id$|_ids$)/.test(field.key);
    if (
      idsNeedLists &&
      looksLikeId &&
      !field.dynamic &&
      !field.choices &&
      !(field.key in IDS_WITHOUT_A_LIST)
    ) {
      violations.push({ rule: 'id input backed by a dropdown', where: `${at}.${field.key}` });
    }
    if (typeof field.default === 'string' && /^http:\/\//i.test(field.default)) {
      violations.push({ rule: 'https-only default URLs', where: `${at}.${field.key}` });
    }
  }
  return violations;
}

export function checkDefinition(def: Definition): Violation[] {
  const violations: Violation[] = [];
  const add = (rule: string, at: string) => violations.push({ rule, where: at });

  for (const [kind, action] of visibleActions(def)) {
    const { label, description } = action.display;
    if (!isTitleCase(label)) add('action label in Title Case', where(kind, action));
    if (!description.startsWith(DESCRIPTION_START[kind]) || !description.endsWith('.')) {
      add(
        `description starts "${DESCRIPTION_START[kind].trim()}" and ends with "."`,
        where(kind, action),
      );
    }
    const sample = action.operation.sample;
    if (!sample) {
      add('static sample', where(kind, action));
      continue;
    }
    if (kind !== 'creates' && !('id' in sample)) add('sample has an id', where(kind, action));
    const outputKeys = new Set(
      (action.operation.outputFields ?? []).filter(isField).map((field) => field.key),
    );
    const keys = sampleKeys(sample);
    for (const key of keys) {
      if (!outputKeys.has(key))
        add('sample keys match outputFields', where(kind, action, `: ${key}`));
    }
    for (const key of outputKeys) {
      if (!keys.includes(key))
        add('sample keys match outputFields', where(kind, action, `: ${key}`));
    }
    violations.push(...checkFields(allFields(action.operation.inputFields), where(kind, action)));
  }

  const auth = def.authentication;
  if (typeof auth.connectionLabel !== 'string' || auth.connectionLabel.trim() === '') {
    add('connection label set', 'authentication.connectionLabel');
  }
  for (const field of auth.fields.filter((f) => f.type === 'password')) {
    if (!/\]\(https:\/\/[^)]+\)/.test(field.helpText ?? '')) {
      add('auth help links to where the credential is found', `authentication.${field.key}`);
    }
  }
  for (const field of auth.fields) {
    for (const link of field.helpText?.match(/\]\((http:[^)]+)\)/g) ?? []) {
      add('https-only links in help text', `authentication.${field.key}: ${link}`);
    }
  }
  // Connection fields cannot have dynamic dropdowns: the connection is what the lists need.
  violations.push(...checkFields(auth.fields, 'authentication', false));
  return violations;
}
