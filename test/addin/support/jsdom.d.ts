/** The part of jsdom's API the start-up script test uses (jsdom ships no types; @types/jsdom is not installed). */
declare module 'jsdom' {
  export class ResourceLoader {
    constructor(options: { userAgent: string });
  }
  export class JSDOM {
    constructor(html: string, options: { runScripts: 'outside-only'; resources: ResourceLoader; pretendToBeVisual?: boolean });
    readonly window: unknown;
  }
}
