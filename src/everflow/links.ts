import { withQueryParameters } from '../core/url';
import { EverflowClient } from './client';

import { type EverflowLinkRequest } from './fields';

import { EVERFLOW_SUB_KEYS, type EverflowSubs, type PartnerLinkType } from './schemas';

/** source_id and sub1…sub5 in Everflow's order, only the filled ones. */
export function subParameters(subs: EverflowSubs): [string, string][] {
  return EVERFLOW_SUB_KEYS.flatMap((key) => {
    const value = subs[key];
    return value === undefined ? [] : [[key, value] as [string, string]];
  });
}

export interface EverflowLink {
  url: string;
  link_type: PartnerLinkType;
  network_offer_id: number;
  network_affiliate_id: number | null;
}

/**
 * Partner base links of one run: each distinct (offer, offer URL, link type) is asked of Everflow
 * once, and the subs are added locally. Items asking at the same time share one request.
 */
export class PartnerBaseLinks {
  private readonly links = new Map<string, Promise<string>>();

  constructor(private readonly everflow: EverflowClient) {}

  get(offerId: number, urlId: number, linkType: PartnerLinkType): Promise<string> {
    const key = `${offerId}/${urlId}/${linkType}`;
    let link = this.links.get(key);
    if (link === undefined) {
      link = this.everflow.partnerLink(offerId, urlId, linkType);
      this.links.set(key, link);
    }
    return link;
  }

  get size(): number {
    return this.links.size;
  }

  /** Drops a failed base link, so the item's next attempt asks Everflow again. */
  forget(request: EverflowLinkRequest): void {
    if (request.keyType === 'affiliate') {
      this.links.delete(`${request.offerId}/${request.urlId}/${request.linkType}`);
    }
  }
}

/** Makes one link: a network click request, or a partner base link plus the subs. */
export async function makeEverflowLink(
  everflow: EverflowClient,
  request: EverflowLinkRequest,
  partnerLinks: PartnerBaseLinks = new PartnerBaseLinks(everflow),
): Promise<EverflowLink> {
  if (request.keyType === 'network') {
    const url = await everflow.networkLink(request.body);
    return {
      url,
      link_type: 'click',
      network_offer_id: request.body.network_offer_id,
      network_affiliate_id: request.body.network_affiliate_id,
    };
  }
  const base = await partnerLinks.get(request.offerId, request.urlId, request.linkType);
  return {
    url: withQueryParameters(base, subParameters(request.subs)),
    link_type: request.linkType,
    network_offer_id: request.offerId,
    network_affiliate_id: null,
  };
}
