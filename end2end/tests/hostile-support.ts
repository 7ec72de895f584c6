// Hostile input for the script-injection suites (hostile.spec.ts with JavaScript on,
// hostile.nojs.spec.ts with it off): payloads that set window.__xss if they ever run, the
// decisions, evidence, matrices and assessments that carry them, and the checks every page
// that shows them must pass.
//
// With JavaScript on, a page is clean when window.__xss is undefined, no CSP violation fired
// (the server sends a per-response nonce, so an injected script that CSP blocks still shows
// as a violation), nothing was logged as an error and the DOM holds no dangerous markup.
// With JavaScript off nothing can run, so the served HTML itself is checked: no payload's
// markup unescaped, no event-handler attribute or script URL in any tag, every <script>
// carrying the response's nonce, and the user's text present in its escaped form.
import { APIRequestContext, APIResponse, Locator, Page, Response, expect } from "@playwright/test";
import { waitForIsland } from "./support";

// ---------------------------------------------------------------------------------------
// Payloads

export interface Payload {
  /** What the payload writes into window.__xss when it runs. */
  n: number;
  kind: string;
  markup: string;
  /** The markup and this run's id: what goes into a field. */
  text: string;
  /** Holds a comma, so it cannot be one entry of a comma-separated list of names. */
  comma: boolean;
  /** Opens raw text that runs to the end of a markdown block, so it goes last in a block. */
  swallows: boolean;
}

const FORMS: ReadonlyArray<readonly [string, (n: number) => string]> = [
  ["script tag", (n) => `<script>window.__xss=${n}</script>`],
  ["closing title", (n) => `</title><script>window.__xss=${n}</script>`],
  ["closing textarea", (n) => `</textarea><script>window.__xss=${n}</script>`],
  ["closing script", (n) => `</script><script>window.__xss=${n}</script>`],
  ["comment and closing script", (n) => `<!--</script><script>window.__xss=${n}</script>-->`],
  ["img onerror", (n) => `<img src=x onerror=window.__xss=${n}>`],
  ["double-quote attribute breakout", (n) => `" autofocus onfocus=window.__xss=${n} x="`],
  ["single-quote attribute breakout", (n) => `' onmouseover=window.__xss=${n} x='`],
  ["attribute breakout into a tag", (n) => `"><img src=x onerror=window.__xss=${n}>`],
  ["javascript: URL", (n) => `javascript:window.__xss=${n}`],
  ["markdown javascript: link", (n) => `[x](javascript:window.__xss=${n})`],
  ["markdown JaVaScRiPt: link", (n) => `[x](JaVaScRiPt:window.__xss=${n})`],
  ["markdown &#106;avascript: link", (n) => `[x](&#106;avascript:window.__xss=${n})`],
  ["&#106;avascript: href", (n) => `<a href="&#106;avascript:window.__xss=${n}">x</a>`],
  ["URL with a breakout", (n) => `https://x.invalid/"><img src=x onerror=window.__xss=${n}>`],
  ["svg onload", (n) => `<svg onload=window.__xss=${n}>`],
  ["script inside svg", (n) => `<svg><script>window.__xss=${n}</script></svg>`],
  ["iframe srcdoc", (n) => `<iframe srcdoc="<script>parent.__xss=${n}</script>"></iframe>`],
  ["math namespace confusion", (n) => `<math><mtext><table><mglyph><style><img src=x onerror=window.__xss=${n}>`],
  ["HTML entities", (n) => `&lt;script&gt;window.__xss=${n}&lt;/script&gt;`],
  ["mixed-case script tag", (n) => `<ScRiPt>window.__xss=${n}</sCrIpT>`],
  ["body onload", (n) => `<body onload=window.__xss=${n}>`],
  ["details ontoggle", (n) => `<details open ontoggle=window.__xss=${n}>`],
  ["data: URL link", (n) => `<a href="data:text/html,<script>parent.__xss=${n}</script>">x</a>`],
  ["object data", (n) => `<object data="javascript:window.__xss=${n}"></object>`],
  ["base href", (n) => `<base href="javascript:window.__xss=${n}//">`],
  ["form action", (n) => `<form action="javascript:window.__xss=${n}"><button>go</button></form>`],
  // Common forms from the OWASP XSS filter evasion cheat sheet.
  ["OWASP: JaVaScRiPt: image source", (n) => `<IMG SRC=JaVaScRiPt:window.__xss=${n}>`],
  ["OWASP: malformed IMG", (n) => `<IMG """><SCRIPT>window.__xss=${n}</SCRIPT>">`],
  ["OWASP: svg/onload", (n) => `<svg/onload=window.__xss=${n}>`],
  ["OWASP: extraneous open brackets", (n) => `<<SCRIPT>window.__xss=${n}//<</SCRIPT>`],
  ["OWASP: embedded tab", (n) => `<IMG SRC="jav&#x09;ascript:window.__xss=${n}">`],
];

let runs = 0;

/** An id no other test uses: the prefix of every payload's id, and a search word for them. */
export function runTag(): string {
  runs += 1;
  return `hx${Date.now().toString(36).slice(-6)}${process.pid.toString(36)}r${runs}z`;
}

/** Every payload, each ending in its own id (`{tag}p07`) so that it can be found on a page. */
export function payloads(tag: string): Payload[] {
  return FORMS.map(([kind, form], i) => {
    const n = i + 1;
    const markup = form(n);
    if (/[|\n\r\\]/.test(markup)) throw new Error(`payload ${kind} cannot be a table cell or one line`);
    return {
      n,
      kind,
      markup,
      text: `${markup} ${tag}p${String(n).padStart(2, "0")}`,
      comma: markup.includes(","),
      swallows: kind === "math namespace confusion",
    };
  });
}

/** Go benchmark names (no white space allowed) that are payloads too. */
export function benchmarkPayloads(tag: string): Payload[] {
  const first = FORMS.length + 1;
  return [
    (n: number) => `Benchmark<img/src=x/onerror=window.__xss=${n}>${tag}-8`,
    (n: number) => `Benchmark<svg/onload=window.__xss=${n}>${tag}-8`,
  ].map((form, i) => {
    const text = form(first + i);
    return { n: first + i, kind: "benchmark name", markup: text, text, comma: false, swallows: false };
  });
}

/** The payload of a kind. */
export function kind(ps: Payload[], name: string): Payload {
  const found = ps.find((p) => p.kind === name);
  if (!found) throw new Error(`no payload of kind ${name}`);
  return found;
}

function rotate<T>(list: T[], by: number): T[] {
  const k = ((by % list.length) + list.length) % list.length;
  return [...list.slice(k), ...list.slice(0, k)];
}

/** As many names as fit one form input (maxlength 2000) when joined with ", ". */
function fit(names: string[], budget = 1900): string[] {
  const out: string[] = [];
  let length = 0;
  for (const name of names) {
    const add = name.length + (out.length > 0 ? 2 : 0);
    if (length + add <= budget) {
      out.push(name);
      length += add;
    }
  }
  return out;
}

function block(ps: Payload[]): string {
  return [...ps.filter((p) => !p.swallows), ...ps.filter((p) => p.swallows)].map((p) => p.text).join("\n\n");
}

// ---------------------------------------------------------------------------------------
// Decisions

export interface OptionDoc {
  name: string;
  description: string;
  good: string[];
  neutral: string[];
  bad: string[];
}

/** An ADR as POST /api/v1/adrs takes it (and as the edit form shows it). */
export interface AdrDoc {
  title: string;
  decision_makers: string[];
  consulted: string[];
  informed: string[];
  tags: string[];
  tickets: string[];
  context: string;
  decision_drivers: string[];
  options: OptionDoc[];
  chosen_option: string;
  justification: string;
  consequences_good: string[];
  consequences_bad: string[];
  confirmation: string;
  more_information: string;
}

/**
 * A decision with payloads in every field: every payload in each list and markdown text,
 * rotated so that each field starts with a different one; `title` as the title and one
 * option per payload in `options`. The first option is the chosen one and carries every
 * payload in its description and arguments.
 */
export function hostileDoc(ps: Payload[], title: Payload, options: Payload[], shift: number): AdrDoc {
  const at = (k: number) => rotate(ps, shift + k);
  const lines = (k: number) => at(k).map((p) => p.text);
  const names = (k: number) => fit(at(k).filter((p) => !p.comma).map((p) => p.text));
  return {
    title: title.text,
    decision_makers: names(0),
    consulted: names(8),
    informed: names(16),
    tags: names(24),
    tickets: names(4),
    context: block(at(0)),
    decision_drivers: lines(3),
    options: options.map((option, i) =>
      i === 0
        ? { name: option.text, description: block(at(5)), good: lines(7), neutral: lines(9), bad: lines(11) }
        : {
            name: option.text,
            description: block(at(13 + i).slice(0, 3)),
            good: lines(15 + i).slice(0, 3),
            neutral: lines(18 + i).slice(0, 3),
            bad: lines(21 + i).slice(0, 3),
          },
    ),
    chosen_option: options[0].text,
    justification: block(at(17)),
    consequences_good: lines(19),
    consequences_bad: lines(21),
    confirmation: block(at(23)),
    more_information: block(at(27)),
  };
}

export function blankOption(name: string): OptionDoc {
  return { name, description: "", good: [], neutral: [], bad: [] };
}

/** Tags as the server keeps them: lower-cased. */
export function tagsOf(doc: AdrDoc): string[] {
  return doc.tags.map((t) => t.toLowerCase());
}

function people(doc: AdrDoc): string[] {
  return [...doc.decision_makers, ...doc.consulted, ...doc.informed];
}

function chosenName(doc: AdrDoc): string {
  return doc.options.find((o) => o.name.toLowerCase() === doc.chosen_option.toLowerCase())?.name ?? "";
}

function hasDetails(doc: AdrDoc): boolean {
  return doc.options.some((o) => o.description !== "" || o.good.length + o.neutral.length + o.bad.length > 0);
}

export function display(n: number): string {
  return `ADR-${String(n).padStart(4, "0")}`;
}

function yamlString(text: string): string {
  return `"${text.replace(/\\/g, "\\\\").replace(/"/g, '\\"')}"`;
}

/** Types a document's fields (not its options) into the ADR form on the page. */
export async function fillAdrForm(page: Page, doc: AdrDoc) {
  await page.getByLabel("Title", { exact: true }).fill(doc.title);
  await page.getByLabel("Context and problem statement").fill(doc.context);
  await page.getByLabel("Decision drivers").fill(doc.decision_drivers.join("\n"));
  await page.getByLabel("Decision-makers").fill(doc.decision_makers.join(", "));
  await page.getByLabel("Consulted").fill(doc.consulted.join(", "));
  await page.getByLabel("Informed").fill(doc.informed.join(", "));
  await page.getByLabel("Tags").fill(doc.tags.join(", "));
  await page.getByLabel("Tickets").fill(doc.tickets.join(", "));
  await page.getByLabel("Justification").fill(doc.justification);
  await page.getByLabel("Good consequences").fill(doc.consequences_good.join("\n"));
  await page.getByLabel("Bad consequences").fill(doc.consequences_bad.join("\n"));
  await page.getByLabel("Confirmation").fill(doc.confirmation);
  await page.getByLabel("More information").fill(doc.more_information);
}

/** Types an option into the form's option block `index`. */
export async function fillOption(page: Page, index: number, option: OptionDoc) {
  await page.getByLabel("Option name").nth(index).fill(option.name);
  await page.getByLabel("Description").nth(index).fill(option.description);
  await page.getByLabel("Good, because").nth(index).fill(option.good.join("\n"));
  await page.getByLabel("Neutral, because").nth(index).fill(option.neutral.join("\n"));
  await page.getByLabel("Bad, because").nth(index).fill(option.bad.join("\n"));
}

/** Creates an ADR through the API and checks that it was stored as sent. */
export async function createHostile(
  request: APIRequestContext,
  doc: AdrDoc,
): Promise<{ number: number; version: number; optionIds: string[] }> {
  const response = await request.post("/api/v1/adrs", { data: doc });
  expect(response.status(), await response.text()).toBe(201);
  const body = await response.json();
  expect(body.title).toBe(doc.title);
  expect(body.tags).toEqual(tagsOf(doc));
  expect(body.decision_makers).toEqual(doc.decision_makers);
  expect(body.options.map((o: { name: string }) => o.name)).toEqual(doc.options.map((o) => o.name));
  return { number: body.number, version: body.version, optionIds: body.options.map((o: { id: string }) => o.id) };
}

/** Attaches evidence through the API and returns its id. */
export async function attach(
  request: APIRequestContext,
  n: number,
  fields: { option: string; label?: string; format: string },
  body: string,
): Promise<number> {
  const query = new URLSearchParams({ option: fields.option, label: fields.label ?? "", format: fields.format });
  const response = await request.post(`/api/v1/adrs/${n}/evidence?${query}`, {
    headers: { "content-type": "text/plain" },
    data: body,
  });
  expect(response.status(), await response.text()).toBe(201);
  return (await response.json()).id;
}

/** Go benchmark output: a few runs of BenchmarkX-8 and of `names`, and an HTML line it skips. */
export function goBench(names: string[]): string {
  const lines = ["goos: linux", "goarch: amd64", "<p><script>window.__xss=97</script><img src=x onerror=window.__xss=98></p>"];
  for (let run = 0; run < 4; run += 1) {
    for (const name of ["BenchmarkX-8", ...names]) lines.push(`${name} 10 ${100 + run * 3} ns/op`);
  }
  lines.push("PASS");
  return `${lines.join("\n")}\n`;
}

/** A Prometheus scrape whose HELP text and one label value are payloads. */
export function scrape(help: string, labelValue: string): string {
  return [
    `# HELP queue_depth ${help}`,
    "# TYPE queue_depth gauge",
    `queue_depth{queue="${labelValue}"} 7`,
    'queue_depth{queue="plain"} 3',
    "",
  ].join("\n");
}

// ---------------------------------------------------------------------------------------
// Guards: opening a page and checking it

export interface OpenOptions {
  /** The status the page answers with; 200 unless given. */
  status?: number;
  /** User text the page shows, which the served HTML must hold in escaped form. */
  shown?: string[];
  /** Islands to wait for when JavaScript runs. */
  islands?: string[];
}

export interface Guard {
  readonly page: Page;
  /** Whether JavaScript runs in the page. */
  readonly scripts: boolean;
  /** Opens `url` and checks it. */
  open(url: string, options?: OpenOptions): Promise<void>;
  /** Checks the page as it is now, after an action on it. */
  check(where: string): Promise<void>;
  /** Checks the page a form post brought, and the HTML it was served as. */
  served(response: Response, where: string): Promise<void>;
}

export const EDITOR = "form.adr-form";
export const ASSESS_ISLANDS = ['[data-testid="tree-walker"]', '[data-testid="scoring"]'];
export const GRID = ".matrix-grid";

/** The page's CSP nonce; fails when the response has no Content-Security-Policy. */
export function cspNonce(headers: Record<string, string>, where: string): string | null {
  const policy = headers["content-security-policy"];
  expect(policy, `a Content-Security-Policy header on ${where}`).toBeTruthy();
  return /'nonce-([^']+)'/.exec(policy ?? "")?.[1] ?? null;
}

/** Runs in the page: elements and attributes that can run script or load a document. */
function findDangerInDom(arg: { nonce: string | null; checkNonce: boolean }): string[] {
  const problems: string[] = [];
  const show = (el: Element) => el.outerHTML.slice(0, 200);
  const banned = ["iframe", "frame", "frameset", "object", "embed", "applet", "base", "svg", "math"];
  const urlAttributes = ["href", "src", "action", "formaction", "data", "xlink:href", "poster", "background"];
  for (const el of Array.from(document.querySelectorAll("*"))) {
    const tag = el.localName.toLowerCase();
    if (banned.includes(tag)) problems.push(`a <${tag}> element: ${show(el)}`);
    if (tag === "meta" && el.hasAttribute("http-equiv")) problems.push(`a <meta http-equiv>: ${show(el)}`);
    for (const attribute of Array.from(el.attributes)) {
      const name = attribute.name.toLowerCase();
      const url = attribute.value.replace(/[\u0000-\u0020\u007f]/g, "").toLowerCase();
      if (name.startsWith("on")) problems.push(`an event handler attribute ${name}: ${show(el)}`);
      else if (name === "srcdoc") problems.push(`a srcdoc attribute: ${show(el)}`);
      else if (urlAttributes.includes(name) && /^(javascript|vbscript|data):/.test(url)) {
        problems.push(`a script URL in ${name}: ${show(el)}`);
      } else if (name === "style" && /javascript:|expression\s*\(/i.test(attribute.value)) {
        problems.push(`script in a style attribute: ${show(el)}`);
      }
    }
    if (tag === "script") {
      const script = el as HTMLScriptElement;
      const src = String(script.getAttribute("src") ?? "");
      if ((script.textContent ?? "").includes("__xss") || src.includes("__xss")) problems.push(`an injected script: ${show(el)}`);
      if (src !== "" && new URL(src, document.baseURI).origin !== location.origin) problems.push(`a script from elsewhere: ${show(el)}`);
      if (arg.checkNonce && (arg.nonce === null || script.nonce !== arg.nonce)) {
        problems.push(`a script without this response's CSP nonce: ${show(el)}`);
      }
    }
  }
  for (const link of Array.from(document.querySelectorAll<HTMLAnchorElement | HTMLAreaElement>("a[href], area[href]"))) {
    if (["javascript:", "vbscript:", "data:"].includes(link.protocol)) problems.push(`a link to ${link.protocol}: ${show(link)}`);
  }
  for (const form of Array.from(document.querySelectorAll("form[action]"))) {
    const action = new URL(form.getAttribute("action") ?? "", document.baseURI);
    if (action.protocol !== location.protocol) problems.push(`a form posting to ${action.protocol}: ${show(form)}`);
  }
  return problems;
}

/** A guard for pages with JavaScript on: records CSP violations, page errors and console errors. */
export async function scriptGuard(page: Page): Promise<Guard> {
  const errors: string[] = [];
  await page.addInitScript(() => {
    const w = window as unknown as { __csp: unknown[] };
    w.__csp = [];
    document.addEventListener(
      "securitypolicyviolation",
      (e) => {
        w.__csp.push({
          directive: e.violatedDirective,
          blocked: e.blockedURI,
          sample: e.sample,
          source: e.sourceFile,
          line: e.lineNumber,
        });
      },
      true,
    );
  });
  page.on("pageerror", (error) => errors.push(`page error: ${error.message}`));
  page.on("console", (message) => {
    // <img src=x> (which markdown keeps) fails to load, and error pages are answered with
    // 4xx on purpose; everything else logged as an error counts.
    if (message.type() === "error" && !message.text().startsWith("Failed to load resource")) {
      errors.push(`console error: ${message.text()}`);
    }
  });
  page.on("dialog", (dialog) => {
    if (dialog.type() !== "beforeunload") errors.push(`a ${dialog.type()} dialog: ${dialog.message()}`);
    void dialog.accept();
  });
  let nonce: string | null = null;
  let openedAt = "";
  const guard: Guard = {
    page,
    scripts: true,
    async open(url, options = {}) {
      const response = await page.goto(url);
      expect(response, `a response for ${url}`).not.toBeNull();
      expect(response!.status(), `the status of ${url}`).toBe(options.status ?? 200);
      nonce = cspNonce(response!.headers(), url);
      // Handlers such as onerror and ontoggle fire after load; islands hydrate when idle.
      await page.waitForLoadState("networkidle");
      for (const island of options.islands ?? []) await waitForIsland(page, island);
      openedAt = page.url();
      await guard.check(url);
    },
    async check(where) {
      const state = await page.evaluate(() => {
        const w = window as unknown as { __xss?: unknown; __csp?: unknown[] };
        return { xss: w.__xss, csp: w.__csp };
      });
      expect(state.xss, `window.__xss on ${where}`).toBeUndefined();
      expect(state.csp, `CSP violations on ${where}`).toEqual([]);
      expect(errors, `errors on ${where}`).toEqual([]);
      const problems = await page.evaluate(findDangerInDom, { nonce, checkNonce: page.url() === openedAt });
      expect(problems, `dangerous markup in the DOM of ${where}`).toEqual([]);
    },
    async served(response, where) {
      nonce = cspNonce(response.headers(), where);
      await page.waitForLoadState("networkidle");
      openedAt = page.url();
      await guard.check(where);
    },
  };
  return guard;
}

/**
 * A guard for pages with JavaScript off: each page is fetched with `request` and its HTML
 * checked against `ps`, then opened in the browser and its DOM checked.
 */
export function servedGuard(page: Page, request: APIRequestContext, ps: Payload[]): Guard {
  let nonce: string | null = null;
  let openedAt = "";
  const guard: Guard = {
    page,
    scripts: false,
    async open(url, options = {}) {
      const status = options.status ?? 200;
      const fetched = await request.get(url);
      expect(fetched.status(), `the status of ${url}`).toBe(status);
      const html = await fetched.text();
      expectSafeHtml(html, fetched.headers(), ps, url);
      for (const text of options.shown ?? []) expectEscapedIn(html, text, url);
      const navigation = await page.goto(url);
      expect(navigation?.status(), `the status of ${url} in the browser`).toBe(status);
      nonce = /'nonce-([^']+)'/.exec(navigation?.headers()["content-security-policy"] ?? "")?.[1] ?? null;
      openedAt = page.url();
      await guard.check(url);
    },
    async check(where) {
      const problems = await page.evaluate(findDangerInDom, { nonce, checkNonce: page.url() === openedAt });
      expect(problems, `dangerous markup in the DOM of ${where}`).toEqual([]);
    },
    async served(response, where) {
      expectSafeHtml(await response.text(), response.headers(), ps, where);
      nonce = /'nonce-([^']+)'/.exec(response.headers()["content-security-policy"] ?? "")?.[1] ?? null;
      openedAt = page.url();
      await guard.check(where);
    },
  };
  return guard;
}

/**
 * Submits a form with its button, as a keyboard user does (Enter on the focused button), and
 * waits for the page the post leads to; returns the post's response. The keyboard, not a
 * click at coordinates, because pages that open at a fragment (`#evidence-12`) may still be
 * scrolling there when a click lands, which once sent the click past the button.
 */
export async function submitForm(page: Page, button: Locator): Promise<Response> {
  const posted = page.waitForResponse((r) => r.request().method() === "POST" && r.request().isNavigationRequest());
  const loaded = page.waitForEvent("load");
  await button.press("Enter");
  const response = await posted;
  await loaded;
  return response;
}

// ---------------------------------------------------------------------------------------
// Served HTML

export function escapeText(text: string): string {
  return text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");
}

export function escapeAttribute(text: string): string {
  return escapeText(text).replace(/"/g, "&quot;");
}

/** As a textarea's content is written (see app/src/components/raw_text.rs). */
export function escapeTextarea(text: string): string {
  return text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/\r/g, "&#13;");
}

/** `text` is in `html` as escaped text, an escaped attribute value or textarea content. */
export function expectEscapedIn(html: string, text: string, where: string) {
  const forms = [escapeText(text), escapeAttribute(text), escapeTextarea(text)];
  expect(
    forms.some((f) => html.includes(f)),
    `${where} serves ${JSON.stringify(text)} escaped`,
  ).toBe(true);
}

const NAMED: Record<string, string> = {
  amp: "&",
  lt: "<",
  gt: ">",
  quot: '"',
  apos: "'",
  colon: ":",
  tab: "\t",
  newline: "\n",
  sol: "/",
  lpar: "(",
  rpar: ")",
};

function decodeEntities(text: string): string {
  return text.replace(/&(#x[0-9a-f]+|#[0-9]+|[a-z]+);?/gi, (whole: string, body: string) => {
    if (body.startsWith("#")) {
      const code = body[1] === "x" || body[1] === "X" ? parseInt(body.slice(2), 16) : parseInt(body.slice(1), 10);
      return Number.isFinite(code) && code >= 0 && code <= 0x10ffff ? String.fromCodePoint(code) : whole;
    }
    return NAMED[body.toLowerCase()] ?? whole;
  });
}

function isScriptUrl(value: string): boolean {
  const url = decodeEntities(value).replace(/[\u0000-\u0020\u007f]/g, "").toLowerCase();
  return /^(javascript|vbscript|data):/.test(url);
}

/** The pieces of a payload whose appearance, verbatim, in served HTML means it was not escaped. */
function needles(p: Payload): string[] {
  const out = new Set<string>();
  for (const markup of new Set([p.markup, decodeEntities(p.markup)])) {
    if (markup.includes("<")) out.add(markup);
    for (const match of markup.matchAll(/<[A-Za-z!/]/g)) {
      const start = match.index ?? 0;
      const next = markup.indexOf("<", start + 1);
      const piece = markup.slice(start, next === -1 ? undefined : next);
      if (/__xss|\son[a-z]+\s*=|javascript:|data:|srcdoc/i.test(piece)) out.add(piece);
    }
  }
  return [...out];
}

const RAW_TEXT = /(<(script|style|textarea|title)\b[^>]*>)[\s\S]*?<\/\2\s*>/gi;
const START_TAG = /<([A-Za-z][^\s/>]*)((?:[\s/]+[^\s/>"'=]+(?:\s*=\s*(?:"[^"]*"|'[^']*'|[^\s>]*))?)*)[\s/]*>/g;
const ATTRIBUTE = /([^\s/>"'=]+)(?:\s*=\s*("[^"]*"|'[^']*'|[^\s>]*))?/g;
const BANNED_ELEMENTS = new Set(["iframe", "frame", "frameset", "object", "embed", "applet", "base", "svg", "math"]);
const URL_ATTRIBUTES = new Set(["href", "src", "action", "formaction", "data", "xlink:href", "poster", "background"]);

/** What in `html` shows that a payload was not escaped or a tag carries script. */
export function htmlProblems(html: string, ps: Payload[]): string[] {
  const problems: string[] = [];
  for (const p of ps) {
    for (const needle of needles(p)) {
      if (html.includes(needle)) problems.push(`payload ${p.n} (${p.kind}) is served unescaped: ${needle}`);
    }
  }
  // Raw text (scripts, textareas, the title) holds no tags; keep only its start tag.
  const tags = html.replace(RAW_TEXT, (_whole: string, start: string) => start);
  for (const tag of tags.matchAll(START_TAG)) {
    const name = tag[1].toLowerCase();
    const raw = tag[0].slice(0, 200);
    if (BANNED_ELEMENTS.has(name)) problems.push(`a <${name}> element: ${raw}`);
    for (const attribute of (tag[2] ?? "").matchAll(ATTRIBUTE)) {
      const key = attribute[1].toLowerCase();
      const value = (attribute[2] ?? "").replace(/^(["'])([\s\S]*)\1$/, "$2");
      if (key.startsWith("on")) problems.push(`an event handler attribute ${key}: ${raw}`);
      else if (key === "srcdoc") problems.push(`a srcdoc attribute: ${raw}`);
      else if (URL_ATTRIBUTES.has(key) && isScriptUrl(value)) problems.push(`a script URL in ${key}: ${raw}`);
      else if (name === "meta" && key === "http-equiv") problems.push(`a <meta http-equiv>: ${raw}`);
    }
  }
  return problems;
}

/** The served page has a CSP, every script carries its nonce, and no payload is unescaped. */
export function expectSafeHtml(html: string, headers: Record<string, string>, ps: Payload[], where: string) {
  const nonce = cspNonce(headers, where);
  for (const tag of html.match(/<script\b[^>]*>/gi) ?? []) {
    expect(nonce !== null && tag.includes(`nonce="${nonce}"`), `${where}: ${tag} carries the response's nonce`).toBe(true);
  }
  expect(htmlProblems(html, ps), `unescaped markup served on ${where}`).toEqual([]);
}

/** The same for an API response (a refused plain form post answered with a page). */
export async function expectSafeApiResponse(response: APIResponse, ps: Payload[], where: string): Promise<string> {
  const html = await response.text();
  expectSafeHtml(html, response.headers(), ps, where);
  return html;
}

// ---------------------------------------------------------------------------------------
// The pages of a decision

export interface SeededEvidence {
  /** Headings of the evidence sides: option names. */
  sides: string[];
  labels: string[];
  /** Benchmark names in the parsed tables. */
  benchmarks: string[];
  /** The HELP text of the scrape (a title attribute) and a label value (in a cell). */
  help: string;
  labelValue: string;
  /** Rows of the verdict table: description, the hint after it, the verdict if judged. */
  rules: Array<{ description: string; hint: string; verdict?: string }>;
  /** The metrics table's option heading. */
  metricsOption: string;
  /** Side names in the comparison's header. */
  comparison: string[];
  /** The name mapping as the names textarea holds it. */
  mappings: string;
  /** Text of the evidence cited beside the justification. */
  cited: string[];
}

export interface SeededAdr {
  number: number;
  /** The current document. */
  doc: AdrDoc;
  /** Revision 1. */
  first: AdrDoc;
  /** The current version. */
  version: number;
  /** Payloads whose text the history's difference must show. */
  payloads: Payload[];
  evidence?: SeededEvidence;
}

function heading(page: Page): Locator {
  return page.getByRole("heading", { level: 1 });
}

export async function checkAdrPage(guard: Guard, adr: SeededAdr) {
  const { page } = guard;
  const { doc } = adr;
  const ev = adr.evidence;
  await guard.open(`/adr/${adr.number}`, {
    shown: [
      doc.title,
      ...people(doc),
      ...tagsOf(doc),
      ...doc.tickets,
      ...doc.options.map((o) => o.name),
      ...(ev ? [...ev.labels, ...ev.benchmarks, ...ev.rules.map((r) => r.description)] : []),
    ],
  });
  await expect(heading(page)).toHaveText(doc.title);
  expect(await page.title()).toContain(doc.title);
  expect(await page.locator("dl.meta .person").allTextContents()).toEqual(people(doc));
  expect(await page.locator("dl.meta a.tag").allTextContents()).toEqual(tagsOf(doc));
  expect(await page.locator("dl.meta .ticket > :first-child").allTextContents()).toEqual(doc.tickets);
  expect(await page.locator("#considered-options ol.options > li > a").allTextContents()).toEqual(
    doc.options.map((o) => o.name),
  );
  await expect(page.locator("#decision-outcome .chosen-option strong")).toHaveText(chosenName(doc));
  if (hasDetails(doc)) {
    const headings = await page.locator("#pros-and-cons article.option > h3").allTextContents();
    expect(headings.map((h, i) => h.startsWith(doc.options[i]?.name ?? "\u0000"))).toEqual(doc.options.map(() => true));
  }
  if (ev) await checkEvidence(page, ev);
}

export async function checkEvidence(page: Page, ev: SeededEvidence) {
  expect(await page.locator(".evidence-side > h3").allTextContents()).toEqual(expect.arrayContaining(ev.sides));
  expect(await page.locator("details.evidence-piece > summary > strong").allTextContents()).toEqual(
    expect.arrayContaining(ev.labels),
  );
  const cells = await page.locator("table.parsed td").allTextContents();
  expect(cells).toEqual(expect.arrayContaining(ev.benchmarks));
  expect(cells.some((c) => c.includes(ev.labelValue)), `a parsed series labelled ${ev.labelValue}`).toBe(true);
  await expect(page.locator("table.parsed td[title]").first()).toHaveAttribute("title", ev.help);
  if (ev.comparison.length > 0) {
    expect(await page.getByTestId("comparison").locator("thead th").allTextContents()).toEqual(
      expect.arrayContaining(ev.comparison),
    );
  }
  const verdicts = page.getByTestId("verdicts");
  expect(await verdicts.locator("thead th").allTextContents()).toContain(ev.metricsOption);
  for (const rule of ev.rules) {
    const row = verdicts.locator("tbody tr").filter({ hasText: rule.description });
    await expect(row).toHaveCount(1);
    await expect(row.locator("th")).toContainText(`${rule.description}${rule.hint}`);
    if (rule.verdict) await expect(row.locator("td.verdict")).toHaveText(rule.verdict);
  }
  await expect(page.getByLabel("Benchmark names that are the same across tools")).toHaveValue(ev.mappings);
  for (const text of ev.cited) await expect(page.getByTestId("cited-evidence")).toContainText(text);
}

export async function checkEditPage(guard: Guard, adr: SeededAdr) {
  const { page } = guard;
  const { doc } = adr;
  await guard.open(`/adr/${adr.number}/edit`, {
    islands: [EDITOR],
    shown: [
      doc.title,
      ...[doc.decision_makers, doc.consulted, doc.informed, tagsOf(doc), doc.tickets].map((l) => l.join(", ")),
      ...doc.options.map((o) => o.name),
    ],
  });
  await expect(heading(page)).toHaveText(`Edit ${display(adr.number)}: ${doc.title}`);
  const field = (label: string, index = 0) => page.getByLabel(label).nth(index);
  await expect(field("Title")).toHaveValue(doc.title);
  await expect(field("Context and problem statement")).toHaveValue(doc.context);
  await expect(field("Decision drivers")).toHaveValue(doc.decision_drivers.join("\n"));
  await expect(field("Decision-makers")).toHaveValue(doc.decision_makers.join(", "));
  await expect(field("Consulted")).toHaveValue(doc.consulted.join(", "));
  await expect(field("Informed")).toHaveValue(doc.informed.join(", "));
  await expect(field("Tags")).toHaveValue(tagsOf(doc).join(", "));
  await expect(field("Tickets")).toHaveValue(doc.tickets.join(", "));
  for (const [i, option] of doc.options.entries()) {
    await expect(field("Option name", i)).toHaveValue(option.name);
    await expect(field("Description", i)).toHaveValue(option.description);
    await expect(field("Good, because", i)).toHaveValue(option.good.join("\n"));
    await expect(field("Neutral, because", i)).toHaveValue(option.neutral.join("\n"));
    await expect(field("Bad, because", i)).toHaveValue(option.bad.join("\n"));
  }
  await expect(field("Justification")).toHaveValue(doc.justification);
  await expect(field("Good consequences")).toHaveValue(doc.consequences_good.join("\n"));
  await expect(field("Bad consequences")).toHaveValue(doc.consequences_bad.join("\n"));
  await expect(field("Confirmation")).toHaveValue(doc.confirmation);
  await expect(field("More information")).toHaveValue(doc.more_information);
}

export async function checkHistoryPages(guard: Guard, adr: SeededAdr) {
  const { page } = guard;
  const { doc } = adr;
  await guard.open(`/adr/${adr.number}/history`, { shown: [doc.title] });
  await expect(heading(page)).toHaveText(`History of ${display(adr.number)}: ${doc.title}`);
  if (adr.version < 2) return;
  // The difference (linked as "See what changed") shows the raw text of both revisions.
  await guard.open(`/adr/${adr.number}/history?from=1&to=${adr.version}`, { shown: [doc.title, adr.first.title] });
  const diff = (await page.getByTestId("diff").textContent()) ?? "";
  expect(diff).toContain(`# ${display(adr.number)}: ${adr.first.title}`);
  expect(diff).toContain(`# ${display(adr.number)}: ${doc.title}`);
  expect(diff).toContain(`tags: [${tagsOf(doc).map(yamlString).join(", ")}]`);
  for (const p of adr.payloads) expect(diff, `the difference shows payload ${p.n} (${p.kind})`).toContain(p.text);
}

export async function checkRevisionPage(guard: Guard, adr: SeededAdr) {
  const { page } = guard;
  const { first } = adr;
  await guard.open(`/adr/${adr.number}/v/1`, { shown: [first.title, ...first.options.map((o) => o.name)] });
  await expect(heading(page)).toHaveText(first.title);
  expect(await page.locator("#considered-options ol.options > li > a").allTextContents()).toEqual(
    first.options.map((o) => o.name),
  );
}

export async function checkAssessHeading(guard: Guard, adr: SeededAdr) {
  const { page } = guard;
  const { doc } = adr;
  const names = doc.options.map((o) => o.name);
  await guard.open(`/adr/${adr.number}/assess`, { islands: ASSESS_ISLANDS, shown: [doc.title, ...names] });
  await expect(heading(page)).toHaveText(`Assess ${display(adr.number)}: ${doc.title}`);
  expect(await page.locator("table.scoring-grid thead th").allTextContents()).toEqual([
    "Criterion",
    "Weight",
    ...names,
    "Remove",
  ]);
}

/** The search results for `tag` list every ADR with its title, tags and decision-makers. */
export async function checkSearch(guard: Guard, tag: string, adrs: SeededAdr[]) {
  const { page } = guard;
  await guard.open(`/?q=${encodeURIComponent(tag)}`, { shown: adrs.map((a) => a.doc.title) });
  for (const adr of adrs) {
    const row = page.locator(`table.adr-list tr[data-number="${adr.number}"]`);
    await expect(row.locator("td.title > a")).toHaveText(adr.doc.title);
    expect(await row.locator("td.tags a.tag").allTextContents()).toEqual(tagsOf(adr.doc));
    await expect(row.locator("td").last()).toHaveText(adr.doc.decision_makers.join(", "));
  }
}

/** Every page of every ADR, the search results and the home page. */
export async function checkAdrs(guard: Guard, tag: string, adrs: SeededAdr[]) {
  for (const adr of adrs) {
    await checkAdrPage(guard, adr);
    await checkEditPage(guard, adr);
    await checkHistoryPages(guard, adr);
    await checkRevisionPage(guard, adr);
    await checkAssessHeading(guard, adr);
  }
  await checkSearch(guard, tag, adrs);
  await guard.open("/");
}

/**
 * Two ADRs with payloads in every document field, through the JSON API; the first also has
 * evidence (labels and new option names as payloads, payload benchmark names, a scrape with a
 * payload HELP text and label value), metric rules and a benchmark name mapping made of
 * payloads, and a justification citing its evidence.
 */
export async function seedDocumentAdrs(request: APIRequestContext, ps: Payload[], tag: string): Promise<SeededAdr[]> {
  const bench = benchmarkPayloads(tag);
  const firstDoc = hostileDoc(ps, kind(ps, "closing title"), rotate(ps, 10).slice(0, 6), 0);
  const a = await createHostile(request, firstDoc);

  // Names of no option yet (the options are payloads 11 to 16), so each attach adds one.
  const sideA = kind(ps, "script inside svg").text;
  const sideB = kind(ps, "iframe srcdoc").text;
  const labels = [kind(ps, "closing script").text, kind(ps, "OWASP: malformed IMG").text, kind(ps, "double-quote attribute breakout").text];
  const help = kind(ps, "single-quote attribute breakout").text;
  const labelValue = kind(ps, "img onerror").text;
  const citedId = await attach(request, a.number, { option: sideA, label: labels[0], format: "gobench" }, goBench(bench.map((b) => b.text)));
  // A justification cites evidence by its number within the ADR.
  const listed = await (await request.get(`/api/v1/adrs/${a.number}/evidence`)).json();
  const cited: number = listed.items.find((e: { id: number }) => e.id === citedId).number;
  await attach(request, a.number, { option: sideB, label: labels[1], format: "gobench" }, goBench(bench.map((b) => b.text)));
  await attach(request, a.number, { option: firstDoc.options[0].name, label: labels[2], format: "prometheus" }, scrape(help, labelValue));

  const rules = [
    {
      id: kind(ps, "closing textarea").text,
      metric: "queue_depth",
      matchers: [{ label: "queue", negate: false, value: labelValue }],
      measure: { kind: "value" },
      aggregation: "max",
      comparison: ">",
      threshold: 5,
      description: kind(ps, "body onload").text,
    },
    {
      id: `quantile-${tag}`,
      metric: kind(ps, "mixed-case script tag").text,
      matchers: [],
      measure: { kind: "quantile", quantile: 0.99 },
      aggregation: "sum",
      comparison: ">",
      threshold: 1,
      description: kind(ps, "details ontoggle").text,
    },
  ];
  const putRules = await request.put(`/api/v1/adrs/${a.number}/metric-rules`, { data: { rules } });
  expect(putRules.status(), await putRules.text()).toBe(200);
  const mappings = [
    { name: kind(ps, "HTML entities").text, same_as: kind(ps, "base href").text },
    { name: kind(ps, "form action").text, same_as: kind(ps, "OWASP: svg/onload").text },
  ];
  const putNames = await request.put(`/api/v1/adrs/${a.number}/benchmark-names`, { data: { mappings } });
  expect(putNames.status(), await putNames.text()).toBe(200);

  const current = await (await request.get(`/api/v1/adrs/${a.number}`)).json();
  const justification = `${firstDoc.justification}\n\nCites evidence #${cited}.`;
  const patched = await request.patch(`/api/v1/adrs/${a.number}`, { data: { version: current.version, justification } });
  expect(patched.status(), await patched.text()).toBe(200);
  const patchedBody = await patched.json();

  const secondDoc = hostileDoc(ps, kind(ps, "double-quote attribute breakout"), rotate(ps, 20).slice(0, 6), 17);
  const b = await createHostile(request, secondDoc);
  return [
    {
      number: a.number,
      doc: { ...firstDoc, options: [...firstDoc.options, blankOption(sideA), blankOption(sideB)], justification },
      first: firstDoc,
      version: patchedBody.version,
      payloads: ps,
      evidence: {
        sides: [firstDoc.options[0].name, sideA, sideB],
        labels,
        benchmarks: ["BenchmarkX-8", ...bench.map((x) => x.text)],
        help,
        labelValue,
        rules: [
          { description: rules[0].description, hint: " (queue_depth > 5)", verdict: "fail (7)" },
          { description: rules[1].description, hint: ` (${rules[1].metric} q0.99 > 1)` },
        ],
        metricsOption: firstDoc.options[0].name,
        comparison: [sideA, sideB],
        mappings: mappings.map((m) => `${m.name} = ${m.same_as}`).join("\n"),
        cited: [labels[0], sideA],
      },
    },
    { number: b.number, doc: secondDoc, first: secondDoc, version: b.version, payloads: ps },
  ];
}

// ---------------------------------------------------------------------------------------
// Matrices and assessments

export interface MatrixInfo {
  id: string;
  name: string;
  columns: string[];
  rows: Array<{ id: string; cells: string[] }>;
}

/** A markdown table as the server writes one back (`to_markdown`). */
export function matrixTable(columns: string[], rows: string[][]): string {
  return [columns, columns.map(() => "---"), ...rows].map((cells) => `| ${cells.join(" | ")} |`).join("\n");
}

/** A team matrix of payloads: a reference table (Scenario, Recommended, Avoid, Why) or a checklist. */
export function matrixOf(ps: Payload[], use: "reference" | "checklist", shift: number) {
  const at = rotate(ps, shift);
  const columns =
    use === "reference"
      ? [`Scenario ${at[1].text}`, `Recommended ${at[2].text}`, `Avoid ${at[3].text}`, `Why ${at[4].text}`]
      : [`Item ${at[1].text}`, `Detail ${at[2].text}`];
  const width = columns.length;
  const rows = [0, 1, 2].map((r) => at.slice(5 + r * width, 5 + (r + 1) * width).map((p) => p.text));
  return { name: at[0].text, columns, rows, markdown: matrixTable(columns, rows) };
}

export async function createMatrix(
  request: APIRequestContext,
  matrix: { name: string; columns: string[]; rows: string[][]; markdown: string },
  use: "reference" | "checklist",
): Promise<MatrixInfo> {
  const response = await request.post("/api/v1/matrices", { data: { name: matrix.name, markdown: matrix.markdown, use } });
  expect(response.status(), await response.text()).toBe(201);
  const body = await response.json();
  expect(body.name).toBe(matrix.name);
  expect(body.columns).toEqual(matrix.columns);
  expect(body.rows.map((r: { cells: string[] }) => r.cells)).toEqual(matrix.rows);
  return { id: body.id, name: body.name, columns: body.columns, rows: body.rows };
}

export async function readMatrix(request: APIRequestContext, id: string): Promise<MatrixInfo> {
  const response = await request.get(`/api/v1/matrices/${encodeURIComponent(id)}`);
  expect(response.status()).toBe(200);
  const body = await response.json();
  return { id: body.id, name: body.name, columns: body.columns, rows: body.rows };
}

/** What an assessed ADR shows, whichever door the assessment came through. */
export interface AssessedAdr {
  number: number;
  title: string;
  options: Array<{ id: string; name: string }>;
  /** The cited row of `reference` (its first row), judged "avoid" for the chosen option 0. */
  reference: MatrixInfo;
  /** The revision of `reference` the ADR cites, its latest; and revision 1 when it differs. */
  referenceRevision: number;
  referenceFirst?: MatrixInfo;
  /** Also cites the guide's architecture-decision-matrix row cli-tool. */
  citesGuide: boolean;
  checklist: MatrixInfo;
  /** Notes per checklist row id, and the row ids ticked done. */
  checklistNotes: Record<string, string>;
  done: string[];
  /** Notes per threat row id of the guide's threat model. */
  threats: Record<string, string>;
  criteria: string[];
  /** Score notes: criterion index, option id, note. */
  scoreNotes: Array<{ criterion: number; option: string; note: string }>;
  justification: string;
  accepted: boolean;
}

/** Two team matrices and an ADR assessed against them through PUT /api/v1/adrs/{n}/assessment. */
export async function seedAssessment(request: APIRequestContext, ps: Payload[]): Promise<AssessedAdr> {
  const reference = await createMatrix(request, matrixOf(ps, "reference", 0), "reference");
  const checklist = await createMatrix(request, matrixOf(ps, "checklist", 17), "checklist");
  const names = [kind(ps, "img onerror"), kind(ps, "closing script"), kind(ps, "attribute breakout into a tag")].map((p) => p.text);
  const title = kind(ps, "details ontoggle").text;
  const created = await request.post("/api/v1/adrs", {
    data: { title, options: names.map((name) => ({ name })), chosen_option: names[0] },
  });
  expect(created.status(), await created.text()).toBe(201);
  const adr = await created.json();
  const ids: string[] = adr.options.map((o: { id: string }) => o.id);
  const note = (name: string) => kind(ps, name).text;
  const checklistNotes = {
    [checklist.rows[0].id]: note("closing title"),
    [checklist.rows[1].id]: note("OWASP: embedded tab"),
  };
  const threats = {
    "secrets-leaked-in-logs": note("closing textarea"),
    "sql-injection-via-unvalidated-input": note("double-quote attribute breakout"),
  };
  const criteria = [note("script tag"), note("single-quote attribute breakout")];
  const scoreNotes = [
    { criterion: 0, option: ids[0], note: note("svg onload") },
    { criterion: 1, option: ids[1], note: note("URL with a breakout") },
  ];
  const justification = block(rotate(ps, 9));
  const put = await request.put(`/api/v1/adrs/${adr.number}/assessment`, {
    data: {
      version: 0,
      citations: [
        { matrix: reference.id, row: reference.rows[0].id, judgements: { [ids[0]]: "avoid", [ids[1]]: "recommended" } },
        { matrix: "architecture-decision-matrix", row: "cli-tool" },
      ],
      criteria: criteria.map((name, i) => ({ id: `c${i + 1}`, name, weight: 3 - i })),
      scores: scoreNotes.map((s, i) => ({ criterion: `c${s.criterion + 1}`, option: s.option, score: 4 - i, note: s.note })),
      checklists: [
        {
          matrix: checklist.id,
          items: checklist.rows.slice(0, 2).map((r, i) => ({ row: r.id, done: i === 0, note: checklistNotes[r.id] })),
        },
      ],
      threats: [
        { row: "secrets-leaked-in-logs", mitigation: "in_progress", note: threats["secrets-leaked-in-logs"] },
        { row: "sql-injection-via-unvalidated-input", mitigation: "mitigated", note: threats["sql-injection-via-unvalidated-input"] },
      ],
      deviation: { justification },
    },
  });
  expect(put.status(), await put.text()).toBe(200);
  expect((await put.json()).deviation.state).toBe("justified");
  for (const status of ["proposed", "accepted"]) {
    const moved = await request.post(`/api/v1/adrs/${adr.number}/status`, { data: { status } });
    expect(moved.status()).toBe(200);
  }
  return {
    number: adr.number,
    title,
    options: ids.map((id, i) => ({ id, name: names[i] })),
    reference,
    referenceRevision: 1,
    citesGuide: true,
    checklist,
    checklistNotes,
    done: [checklist.rows[0].id],
    threats,
    criteria,
    scoreNotes,
    justification,
    accepted: true,
  };
}

async function checkMatrixTable(page: Page, matrix: MatrixInfo) {
  expect(await page.locator("table.matrix thead th").allTextContents()).toEqual(["", ...matrix.columns, "Cited by"]);
  const rows = page.locator("table.matrix tbody tr");
  await expect(rows).toHaveCount(matrix.rows.length);
  for (const [i, row] of matrix.rows.entries()) {
    const cells = await rows.nth(i).locator("td").allTextContents();
    expect(cells.slice(1, 1 + row.cells.length)).toEqual(row.cells);
  }
}

/** The ADR page, its assessment page, the matrices' pages, the home page and the citations. */
export async function checkAssessment(guard: Guard, tag: string, a: AssessedAdr) {
  const { page } = guard;
  const row = a.reference.rows[0];
  const chosen = a.options[0].name;
  const done = a.checklist.rows.filter((r) => a.done.includes(r.id)).length;
  const notes = [...Object.values(a.checklistNotes), ...Object.values(a.threats)];

  await guard.open(`/adr/${a.number}`, {
    shown: [a.title, a.reference.name, ...row.cells, a.checklist.name, ...notes, ...a.options.map((o) => o.name)],
  });
  await expect(heading(page)).toHaveText(a.title);
  const guide = page.locator("#against-the-guide");
  const cited = guide.locator("ul.cited > li").first();
  await expect(cited.locator(".scenario")).toHaveText(`${a.reference.name}: ${row.cells[0]}`);
  await expect(cited.locator(".rec")).toHaveText(`Recommended: ${row.cells[1]}`);
  await expect(cited.locator(".avoid:not(.verdict)")).toHaveText(`Avoid: ${row.cells[2]}`);
  await expect(cited.locator(".why")).toHaveText(`Why: ${row.cells[3]}`);
  await expect(guide.locator(".chosen-option strong")).toHaveText(chosen);
  await expect(page.getByTestId("deviation-mark")).toContainText("with a justification");
  await expect(guide.locator("h3", { hasText: a.checklist.name })).toHaveText(
    `${a.checklist.name}: ${done} of ${a.checklist.rows.length} done`,
  );
  const items = guide.locator("ul.checklist > li");
  for (const [i, r] of a.checklist.rows.entries()) {
    await expect(items.nth(i)).toContainText(r.cells.join(" — "));
    if (a.checklistNotes[r.id]) await expect(items.nth(i)).toContainText(`(${a.checklistNotes[r.id]})`);
  }
  for (const threatNote of Object.values(a.threats)) {
    await expect(guide.locator("ul.threats > li", { hasText: threatNote })).toHaveCount(1);
  }
  const ranks = (await guide.locator("ol.ranks > li").allTextContents()).join("\n");
  for (const option of a.options) expect(ranks).toContain(option.name);

  await guard.open(`/adr/${a.number}/assess`, {
    islands: ASSESS_ISLANDS,
    shown: [a.title, a.reference.name, ...row.cells, a.checklist.name, ...notes, ...a.criteria, ...a.scoreNotes.map((s) => s.note)],
  });
  await expect(heading(page)).toHaveText(`Assess ${display(a.number)}: ${a.title}`);
  const citedRow = page.locator(`tr[data-row="${row.id}"]`);
  await expect(citedRow.locator("td").first().locator("a")).toHaveText(row.cells[0]);
  await expect(citedRow.locator(".hint")).toHaveText(`${a.reference.name} r${a.referenceRevision}`);
  await expect(citedRow.locator(".rec")).toHaveText(`Recommended: ${row.cells[1]}`);
  await expect(citedRow.locator(".avoid")).toHaveText(`Avoid: ${row.cells[2]}`);
  await expect(citedRow.locator(".why")).toHaveText(`Why: ${row.cells[3]}`);
  expect(await page.locator("table.cited-rows thead th").allTextContents()).toEqual([
    "Cited row",
    "The guide says",
    ...a.options.map((o) => o.name),
    "Remove",
  ]);
  await expect(page.getByLabel("Justification for the deviation")).toHaveValue(a.justification);
  const list = page.locator(`fieldset[data-checklist="${a.checklist.id}"]`);
  await expect(list.locator("legend")).toHaveText(`${a.checklist.name} — ${done} of ${a.checklist.rows.length} done`);
  expect((await list.locator(".check-item label").allTextContents()).map((t) => t.trim())).toEqual(
    a.checklist.rows.map((r) => r.cells.join(" — ")),
  );
  for (const r of a.checklist.rows) {
    await expect(list.locator(`input[name="c.0.${r.id}.note"]`)).toHaveValue(a.checklistNotes[r.id] ?? "");
  }
  for (const [threat, threatNote] of Object.entries(a.threats)) {
    await expect(page.locator(`input[name="t.${threat}.note"]`)).toHaveValue(threatNote);
  }
  for (const [i, name] of a.criteria.entries()) {
    await expect(page.locator(`input[name="criterion.${i}.name"]`)).toHaveValue(name);
  }
  for (const s of a.scoreNotes) {
    await expect(page.locator(`input[name="note.${s.criterion}.${s.option}"]`)).toHaveValue(s.note);
  }
  expect(await page.locator('select[name="matrix"] option').allTextContents()).toEqual(
    expect.arrayContaining([`${a.reference.name} (team)`, `${a.checklist.name} (team)`]),
  );

  await guard.open(`/adr/${a.number}/assess?matrix=${encodeURIComponent(a.reference.id)}`, {
    islands: ASSESS_ISLANDS,
    shown: [a.reference.name, ...a.reference.rows.map((r) => r.cells.join(" · "))],
  });
  await expect(page.locator("form.cite-form legend")).toHaveText(`Rows of ${a.reference.name}`);
  expect((await page.locator("form.cite-form label.row-choice").allTextContents()).map((t) => t.trim())).toEqual(
    a.reference.rows.map((r) => r.cells.join(" · ")),
  );

  await guard.open("/matrices", { islands: [GRID], shown: [a.reference.name, a.checklist.name] });
  expect(await page.locator("ul.matrix-list").first().locator("li > a").allTextContents()).toEqual(
    expect.arrayContaining([a.reference.name, a.checklist.name]),
  );
  await checkMatrixPages(guard, a.reference, a.referenceRevision, a.referenceFirst);
  await checkMatrixPages(guard, a.checklist, 1);

  await guard.open("/", { shown: [a.reference.name, row.cells[0], ...(a.accepted ? [a.title] : [])] });
  await expect(page.getByTestId("cited-rows").locator("tr", { hasText: a.reference.name })).toContainText(row.cells[0]);
  if (a.accepted) await expect(page.getByTestId("open-checklists")).toContainText(`${display(a.number)}: ${a.title}`);

  // The guide's page counts the citing ADRs and links to their list.
  if (a.citesGuide) {
    await guard.open("/guide/architecture-decision-matrix");
    await expect(page.locator("tr#cli-tool td.cited a")).toBeVisible();
    const cites = encodeURIComponent("architecture-decision-matrix/cli-tool");
    await guard.open(`/?cites=${cites}&q=${encodeURIComponent(tag)}`, { shown: [a.title] });
    await expect(page.locator(`tr[data-number="${a.number}"] td.title > a`)).toHaveText(a.title);
  }
  await guard.open(`/?cites=${encodeURIComponent(`${a.reference.id}/${row.id}`)}`, { shown: [a.title] });
  await expect(page.locator(`tr[data-number="${a.number}"] td.title > a`)).toHaveText(a.title);
}

/** A team matrix's page (with its grid island), and its revisions 1 to `revisions`. */
export async function checkMatrixPages(guard: Guard, matrix: MatrixInfo, revisions: number, old?: MatrixInfo) {
  const { page } = guard;
  const cells = matrix.rows.flatMap((r) => r.cells);
  await guard.open(`/matrices/${encodeURIComponent(matrix.id)}`, { islands: [GRID], shown: [matrix.name, ...matrix.columns, ...cells] });
  await expect(heading(page)).toHaveText(matrix.name);
  expect(await page.title()).toContain(matrix.name);
  await expect(page.locator(".lede")).toContainText(`Revision ${revisions} of ${revisions}.`);
  await checkMatrixTable(page, matrix);
  await expect(page.locator('form.matrix-form input[name="name"]')).toHaveValue(matrix.name);
  await expect(page.locator('form.matrix-form textarea[name="markdown"]')).toHaveValue(
    matrixTable(matrix.columns, matrix.rows.map((r) => r.cells)),
  );
  if (guard.scripts) {
    const grid = page.locator(GRID);
    for (const [c, column] of matrix.columns.entries()) await expect(grid.getByLabel(`Column ${c + 1} name`)).toHaveValue(column);
    for (const [r, row] of matrix.rows.entries()) {
      for (const [c, cell] of row.cells.entries()) await expect(grid.getByLabel(`Row ${r + 1} column ${c + 1}`)).toHaveValue(cell);
    }
  }
  const first = old ?? matrix;
  await guard.open(`/matrices/${encodeURIComponent(matrix.id)}/v/1`, { shown: [first.name, ...first.rows.flatMap((r) => r.cells)] });
  await expect(heading(page)).toHaveText(first.name);
  await checkMatrixTable(page, first);
}

// ---------------------------------------------------------------------------------------
// Input the server echoes: queries, error messages, refused forms

/** Query strings, unknown paths and a comparison request whose values the pages repeat. */
export async function checkReflections(guard: Guard, ps: Payload[], adrWithEvidence: number) {
  const { page } = guard;
  const enc = encodeURIComponent;
  for (const chunk of [ps.slice(0, 11), ps.slice(11, 22), ps.slice(22)]) {
    const query = {
      q: chunk.map((p) => p.text).join(" "),
      tag: chunk[0].text,
      decision_maker: chunk[1].text,
      ticket: chunk[2].text,
    };
    const search = Object.entries(query)
      .map(([k, v]) => `${k}=${enc(v)}`)
      .join("&");
    await guard.open(`/?${search}`, { shown: Object.values(query) });
    await expect(page.getByRole("searchbox", { name: "Search" })).toHaveValue(query.q);
    await expect(page.getByLabel("Tag", { exact: true })).toHaveValue(query.tag);
    await expect(page.getByLabel("Decision-maker", { exact: true })).toHaveValue(query.decision_maker);
    await expect(page.getByLabel("Ticket", { exact: true })).toHaveValue(query.ticket);
  }
  const date = kind(ps, "script tag").text;
  const dateMessage = `date_from '${date}' is not a date in the form YYYY-MM-DD`;
  await guard.open(`/?date_from=${enc(date)}`, { status: 400, shown: [dateMessage] });
  await expect(page.locator(".home .form-error")).toHaveText(dateMessage);
  await guard.open(`/?status=${enc(kind(ps, "closing title").text)}`, { status: 400 });
  await guard.open(`/?deviation=${enc(kind(ps, "img onerror").text)}`, { status: 400 });
  // No slash, so it is refused as not matrix/row.
  await guard.open(`/?cites=${enc(kind(ps, "double-quote attribute breakout").text)}`, { status: 400 });

  const base = kind(ps, "closing textarea").text;
  const baseMessage = `'${base}' is neither an option of this ADR nor baseline`;
  await guard.open(`/adr/${adrWithEvidence}?base=${enc(base)}`, { shown: [baseMessage] });
  await expect(page.getByTestId("no-comparison")).toContainText(baseMessage);

  for (const p of [kind(ps, "closing title"), kind(ps, "img onerror"), kind(ps, "double-quote attribute breakout")]) {
    await guard.open(`/matrices/${enc(p.text)}`, { status: 404 });
    await guard.open(`/guide/${enc(p.text)}`, { status: 404 });
    await guard.open(`/adr/${enc(p.text)}`, { status: 404 });
  }

  // A refused paste comes back in the textarea, with the line at fault.
  await guard.open(`/adr/${adrWithEvidence}`);
  const pasted = `BenchmarkX 10 five ns/op\n${kind(ps, "closing textarea").text}\n${kind(ps, "closing title").text}\n`;
  const forms = page.locator("#evidence .evidence-forms");
  if (!(await page.locator("#evidence details.evidence-forms").evaluate((d) => (d as HTMLDetailsElement).open))) {
    await page.locator("#evidence details.evidence-forms > summary").click();
  }
  await forms.getByLabel("Option").fill(kind(ps, "svg onload").text);
  await forms.getByLabel("Label").fill(kind(ps, "closing script").text);
  await forms.getByLabel("Format").selectOption("gobench");
  await forms.getByLabel("Paste output").fill(pasted);
  const refused = await submitForm(page, forms.getByRole("button", { name: "Attach evidence" }));
  expect(refused.status()).toBe(422);
  await guard.served(refused, "a refused paste");
  await expect(page.getByTestId("evidence-error")).toContainText("line 1");
  await expect(forms.getByLabel("Paste output")).toHaveValue(pasted);
}
