import type {
  CorpusBody,
  FakeGraphApi,
} from '../../packages/testing/src/index.ts';
import { corpusMedia, demoBytes, withServedDigests } from './corpus-media.ts';
import { signed, type Delivery } from './meta-simulator.ts';

/**
 * Has the fake Graph API serve stand-in bytes for every corpus media id
 * and returns the corpus as Meta would deliver it: bodies whose media
 * digests were rewritten to the served bytes are signed again, the rest
 * keep their corpus signature.
 */
export function corpusDeliveries(
  graph: FakeGraphApi,
  bodies: readonly CorpusBody[],
  appSecret: string,
): Delivery[] {
  const served = new Map<string, string>();
  for (const media of corpusMedia(bodies)) {
    const bytes = demoBytes(media);
    served.set(
      media.id,
      graph.serveMedia(media.id, bytes, media.mimeType).sha256Base64,
    );
  }
  return bodies.map((body) => {
    const rewritten = withServedDigests(body.raw, served);
    if (rewritten === body.raw)
      return { body: body.raw, signature: body.signature };
    return signed(rewritten, appSecret);
  });
}
