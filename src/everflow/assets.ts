import pLimit from 'p-limit';
import { type Bundle, type ZObject } from 'zapier-platform-core';
import { withSharedPace, EVERFLOW_BULK_PACE, type BulkPace } from './bulk';
import { EverflowClient } from './client';
import { readEverflowAssetRequest } from './fields';
import { everflowKeyType } from './keyType';
import { type EverflowAssets } from './outputs';
import { checkChosenOffers } from './assetsCaps';
import { networkPackage } from './assetsNetwork';
import { partnerPackage } from './assetsPartner';
import { type AssetRun } from './assetsRun';

/**
 * "Generate Everflow Tracking Links & Assets": the partner portal's Tracking & Asset Generator as
 * one step. Partner keys read the runnable offers (each carries its links, offer URLs and
 * creatives) and build every link locally; network keys ask Everflow for each link of one
 * affiliate, paced like the bulk action. Every offer in scope ends up with links or in `skipped`.
 *
 * The parts: assetsCaps.ts (the caps a run keeps to), assetsRun.ts (paced requests, paged lists),
 * assetsPackage.ts (the package as it is built: slots, links, creatives, coupon codes),
 * assetsPartner.ts (a partner key's package) and assetsNetwork.ts (a network key's package).
 */

/** Tests pass their own pace (and their clock through the run); Zap runs use the bulk action's pace. */
export interface AssetOptions {
  pace?: BulkPace;
}

export async function generateEverflowAssets(
  z: ZObject,
  bundle: Bundle,
  options: AssetOptions = {},
): Promise<EverflowAssets> {
  const keyType = everflowKeyType(z, bundle.authData.everflow_api_type);
  const request = readEverflowAssetRequest(z, bundle.inputData, keyType);
  checkChosenOffers(z, request);
  const pace = options.pace ?? EVERFLOW_BULK_PACE[keyType];
  const everflow = new EverflowClient(z, bundle);
  const run: AssetRun = { z, everflow, request, limit: pLimit(pace.concurrency) };
  return withSharedPace(z, everflow, pace, () =>
    keyType === 'affiliate' ? partnerPackage(run) : networkPackage(run),
  );
}
