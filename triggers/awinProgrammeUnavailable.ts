import { inRun } from '../src/core/run';
import { type Bundle, defineTrigger, type ZObject } from 'zapier-platform-core';
import { AwinClient } from '../src/awin/client';
import { awinPublisherField } from '../src/awin/fields';
import {
  type AwinProgrammeUnavailableOutput,
  programmeUnavailableOutputFields,
  programmeUnavailableSample,
} from '../src/awin/outputs';

import { unavailableProgrammes } from '../src/awin/programmes';

const perform = async (z: ZObject, bundle: Bundle): Promise<AwinProgrammeUnavailableOutput[]> => {
  const awin = new AwinClient(z, bundle);
  const publisherId = await awin.resolvePublisherId(bundle.inputData.publisherId);
  return unavailableProgrammes(awin, publisherId);
};

export default defineTrigger({
  key: 'awin_programme_unavailable',
  noun: 'Programme',
  display: {
    label: 'Awin Programme Suspended or Offline',
    description:
      'Triggers when Awin suspends your membership of a programme, or a joined programme’s link ' +
      'status turns Offline or Inactive, so its links stop earning.',
  },
  operation: {
    type: 'polling',
    perform: inRun(perform),
    inputFields: [awinPublisherField],
    sample: programmeUnavailableSample,
    outputFields: [...programmeUnavailableOutputFields],
  },
});
