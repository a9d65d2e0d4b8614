import { type PlainInputField } from 'zapier-platform-core';

/** The name to look for in the offer searches of every network. */
export const offerNameField = {
  key: 'name',
  label: 'Offer Name',
  type: 'string',
  required: true,
  helpText: 'The offer to look for, e.g. "Acme Shoes". Upper and lower case do not matter.',
} as const satisfies PlainInputField;
