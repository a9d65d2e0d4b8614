import { type Bundle, type ZObject } from 'zapier-platform-core';

import App from '../../index';

/**
 * The input keys of every action as `zapier-platform invoke -i` takes them, read from the app's
 * definition: fields built for the connection (Everflow's follow the key type) are built for each
 * key type. Used to check README's invoke lines and its key ↔ label tables.
 */
export interface InputKey {
  /** The key, `links[].url` for a line-item field. */
  key: string;
  label: string;
  required: boolean;
  /** Set when the field is only there with one Everflow key type. */
  only?: 'network key' | 'partner key';
}

interface Field {
  key: string;
  label?: string;
  type?: string;
  required?: boolean;
  children?: Field[];
}
type FieldOrFunction = Field | ((z: ZObject, bundle: Bundle) => Field[]);

const KINDS = ['triggers', 'searches', 'creates'] as const;
export type ActionKind = (typeof KINDS)[number];

/** The kind `invoke` names (`trigger`, `search`, `create`) of each action key. */
export const INVOKE_KIND: Readonly<Record<ActionKind, string>> = {
  triggers: 'trigger',
  searches: 'search',
  creates: 'create',
};

function fieldsFor(inputFields: readonly FieldOrFunction[], keyType: string): Field[] {
  const bundle = { authData: { everflow_api_type: keyType }, inputData: {} } as unknown as Bundle;
  return inputFields.flatMap((field) =>
    typeof field === 'function' ? field({} as ZObject, bundle) : [field],
  );
}

function flatten(fields: readonly Field[]): Omit<InputKey, 'only'>[] {
  return fields
    .filter((field) => field.type !== 'copy')
    .flatMap((field) =>
      field.children
        ? field.children.map((child) => ({
            key: `${field.key}[].${child.key}`,
            label: `${field.label ?? field.key} → ${child.label ?? child.key}`,
            required: child.required === true,
          }))
        : [{ key: field.key, label: field.label ?? field.key, required: field.required === true }],
    );
}

/** An action's input keys, in the order of its form (network-key fields first). */
export function inputKeysOf(kind: ActionKind, key: string): InputKey[] {
  const actions = (App[kind] ?? {}) as Record<
    string,
    { operation: { inputFields?: FieldOrFunction[] } } | undefined
  >;
  const action = actions[key];
  if (!action) throw new Error(`no ${kind} ${key}`);
  const inputFields = action.operation.inputFields ?? [];
  const network = flatten(fieldsFor(inputFields, 'network'));
  const partner = flatten(fieldsFor(inputFields, 'affiliate'));
  if (!inputFields.some((field) => typeof field === 'function')) return network;
  const inNetwork = new Set(network.map((f) => f.key));
  const inPartner = new Set(partner.map((f) => f.key));
  return [
    ...network.map((f) => (inPartner.has(f.key) ? f : { ...f, only: 'network key' as const })),
    ...partner
      .filter((f) => !inNetwork.has(f.key))
      .map((f) => ({ ...f, only: 'partner key' as const })),
  ];
}

/** Every action users see (hidden dropdown sources left out), by kind. */
export function visibleActions(): { kind: ActionKind; key: string; label: string }[] {
  return KINDS.flatMap((kind) =>
    Object.entries(App[kind] ?? {})
      .filter(([, action]) => !(action as { display: { hidden?: boolean } }).display.hidden)
      .map(([key, action]) => ({
        kind,
        key,
        label: (action as { display: { label: string } }).display.label,
      })),
  );
}

/** The README table of an action's keys, as markdown lines. */
export function keyTable(kind: ActionKind, key: string): string[] {
  const rows = inputKeysOf(kind, key).map((f) => {
    const notes = [f.required ? 'required' : '', f.only ? `${f.only} only` : '']
      .filter(Boolean)
      .join(', ');
    return [`\`${f.key}\``, f.label, notes];
  });
  if (rows.length === 0) return ['No input fields.'];
  const header = ['key', 'label', 'notes'];
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i].length)));
  const line = (cells: string[]) => `| ${cells.map((c, i) => c.padEnd(widths[i])).join(' | ')} |`;
  return [line(header), `| ${widths.map((w) => '-'.repeat(w)).join(' | ')} |`, ...rows.map(line)];
}
