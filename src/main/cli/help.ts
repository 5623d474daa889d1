/** Exit codes shared by every command; scripts may rely on them. */
export const EXIT_CODES = {
  ok: 0,
  /** Anything not covered below; the message says what failed. */
  failure: 1,
  /** Wrong command or options. */
  usage: 2,
  /** Credentials missing, invalid or rejected by the store. */
  credentials: 3,
  /** Network or API failure after all retries; the work can be resumed. */
  network: 4,
  /** `verify` found entities whose local count differs from the store. */
  incomplete: 5,
  /** Stopped by SIGINT or SIGTERM; the work can be resumed. */
  interrupted: 130,
} as const

export function helpText(): string {
  return `3dcart Migration Wizard command line

Usage: npm run --silent cli -- <command> [options]

Commands:
  demo-server       Serve the built-in demo store on 127.0.0.1
  pull              Pull a store into a SQLite archive
  test-connection   Check credentials and read access per module
  verify            Compare an archive's counts with the store
  export            Write an archive out as CSV, XLSX, NDJSON, SQLite,
                    Shopify or WooCommerce files, or download images

Run "<command> --help" for its options.

Credentials come from THREEDCART_SECURE_URL, THREEDCART_PRIVATE_KEY and
THREEDCART_TOKEN. THREEDCART_API_BASE_URL overrides the API address.
WIZARD_LOG_LEVEL (error, warn, info, debug or off) chooses which of the
app's log lines are printed, always on stderr.
Relative paths start from the folder npm was run in.

Exit codes:
  0    success
  1    failure (the message says what failed)
  2    wrong command or options
  3    credentials missing, invalid or rejected
  4    network or API failure after retries (run again to resume)
  5    pulled or verified, but some entities are incomplete: counts
       differ, or records without a usable id were kept aside (a store
       that lists ids twice, or counts records its listing never
       returns, ends with 0 and a note, as no pull can change that)
  130  interrupted (run again to resume)
`
}
