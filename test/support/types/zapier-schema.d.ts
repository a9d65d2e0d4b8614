// zapier-platform-core's own serialiser (what `zapier-platform build` writes as definition.json); untyped upstream.
declare module 'zapier-platform-core/src/tools/schema' {
  export function compileApp(app: object): object;
  export function serializeApp(compiledApp: object): unknown;
}
