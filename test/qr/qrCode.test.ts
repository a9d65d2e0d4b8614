import fc from 'fast-check';
import jsQR from 'jsqr';
import nock from 'nock';
import { PNG } from 'pngjs';
import { parseMultipart } from '../../sandbox/zapier';
import { runAwin } from '../awin/helpers';

import { App, describeError, failure, setupNock } from '../support/app';

import { type QrCodeOutput } from '../../src/qr/qrCode';

const RPC = 'https://rpc.zapier.com';
const S3 = 'https://files.example';
setupNock();

interface Upload {
  contentType?: string;
  filename?: string;
  bytes: Buffer;
}

/** Answers Zapier's file service the way zapier-platform-core expects, keeping what was uploaded. */
function fileService(uploads: Upload[], times = 1): void {
  nock(RPC)
    .post('/cli', (body: { method: string }) => body.method === 'get_presigned_upload_post_data')
    .times(times)
    .reply(200, (_uri, body) => ({
      id: (typeof body === 'string'
        ? (JSON.parse(body) as { id: string })
        : (body as { id: string })
      ).id,
      result: { url: `${S3}/upload/`, fields: { key: `stash/qr-${uploads.length + 1}` } },
    }));
  nock(S3)
    .post('/upload/')
    .times(times)
    .reply(function (_uri, body) {
      // nock hands binary bodies over hex-encoded, text bodies as they are.
      const text = body as string;
      const raw = /^([0-9a-f]{2})+$/i.test(text)
        ? Buffer.from(text, 'hex')
        : Buffer.from(text, 'utf8');
      const file = parseMultipart(raw, this.req.headers['content-type'] as string).find(
        (p) => p.name === 'file',
      );
      uploads.push({
        contentType: file?.contentType,
        filename: file?.filename,
        bytes: file?.data ?? Buffer.alloc(0),
      });
      return [204, ''];
    });
}

function decodePng(bytes: Buffer): { text: string; width: number } {
  const png = PNG.sync.read(bytes);
  const code = jsQR(new Uint8ClampedArray(png.data), png.width, png.height);
  if (!code) throw new Error('no QR code found in the image');
  return { text: code.data, width: png.width };
}

describe('qr_code', () => {
  beforeAll(() => {
    process.env.ZAPIER_DEPLOY_KEY = 'unit-test-deploy-key';
  });

  it('makes a PNG that decodes back to the exact URL and stashes it as a file', async () => {
    const uploads: Upload[] = [];
    fileService(uploads);
    const url =
      'https://www.awin1.com/cread.php?awinmid=1001&awinaffid=100001&ued=https%3A%2F%2Fwww.acmeshoes.example%2Fsale&clickref=row%207';

    const result = await runAwin<QrCodeOutput>(App.creates.qr_code, { url, size: '300' });

    expect(result).toEqual({ file: `${S3}/upload/stash/qr-1`, url, format: 'png', size: 300 });
    expect(uploads).toHaveLength(1);
    expect(uploads[0].contentType).toBe('image/png');
    expect(uploads[0].filename).toBe('qr-code.png');
    const decoded = decodePng(uploads[0].bytes);
    expect(decoded.text).toBe(url);
    expect(decoded.width).toBe(300);
  });

  it('makes an SVG when asked', async () => {
    const uploads: Upload[] = [];
    fileService(uploads);
    const result = await runAwin<QrCodeOutput>(App.creates.qr_code, {
      url: 'https://tidd.ly/3xAmPlE',
      format: 'svg',
      error_correction: 'h',
      margin: '0',
    });
    expect(result.format).toBe('svg');
    expect(uploads[0].contentType).toBe('image/svg+xml');
    expect(uploads[0].bytes.toString('utf8')).toMatch(
      /^<svg xmlns="http:\/\/www\.w3\.org\/2000\/svg"/,
    );
  });

  it('any http(s) URL round-trips through the PNG', async () => {
    process.env.ZAPIER_DEPLOY_KEY = 'unit-test-deploy-key';
    await fc.assert(
      fc.asyncProperty(
        fc.webUrl({ withQueryParameters: true }).filter((u) => u.length < 300),
        async (url) => {
          const uploads: Upload[] = [];
          fileService(uploads);
          await runAwin(App.creates.qr_code, { url, size: 200 });
          expect(decodePng(uploads[0].bytes).text).toBe(url);
        },
      ),
      { numRuns: 8 },
    );
  });

  it.each([
    [{ url: 'not a link' }, 'URL must be a full web address starting with http:// or https://'],
    [{ url: '' }, 'URL is required.'],
    [
      { url: 'https://a.example', size: 10 },
      'Size must be between 64 and 2048 pixels, but it was 10.',
    ],
    [{ url: 'https://a.example', size: 'big' }, 'Size must be a positive whole number'],
    [
      { url: 'https://a.example', format: 'gif' },
      'Format must be one of png, svg, but it was "gif".',
    ],
    [
      { url: 'https://a.example', error_correction: 'X' },
      'Error Correction must be one of L, M, Q, H, but it was "X".',
    ],
    [{ url: 'https://a.example', margin: 50 }, 'Margin must be a whole number from 0 to 20'],
    [{ url: `https://a.example/${'x'.repeat(3000)}` }, 'This URL is too long to fit in a QR code'],
  ])(
    'refuses bad input #%# with a message naming the field, before any upload',
    async (input, message) => {
      const error = describeError(await failure(runAwin(App.creates.qr_code, input)));
      expect(error.name).toBe('AppError');
      expect(error.message).toContain(message);
    },
  );
});
