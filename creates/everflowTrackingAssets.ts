import { inRun } from '../src/core/run';
import {
  type Bundle,
  defineCreate,
  type PlainInputField,
  type ZObject,
} from 'zapier-platform-core';
import { generateEverflowAssets } from '../src/everflow/assets';
import { everflowAssetFields } from '../src/everflow/fields';
import { everflowKeyType } from '../src/everflow/keyType';

import { everflowAssetsOutputFields, everflowAssetsSample } from '../src/everflow/outputs';

const perform = (z: ZObject, bundle: Bundle) => generateEverflowAssets(z, bundle);

/** A network key picks the affiliate the package is for; a partner key makes its own. */
const assetFields = (z: ZObject, bundle: Bundle): PlainInputField[] =>
  everflowAssetFields(everflowKeyType(z, bundle.authData.everflow_api_type));

export default defineCreate({
  key: 'everflow_tracking_assets',
  noun: 'Tracking Links and Assets',
  display: {
    label: 'Generate Everflow Tracking Links & Assets',
    description:
      'Creates every tracking link (click and impression, each offer URL) of chosen or all offers, ' +
      'with their coupon codes and creatives, like the partner portal’s Tracking & Asset Generator.',
  },
  operation: {
    perform: inRun(perform),
    inputFields: [assetFields],
    sample: everflowAssetsSample,
    outputFields: [...everflowAssetsOutputFields],
  },
});
