/** Next steps for the merchant, by the code of the error that stopped a pull. */
const ADVICE: Record<string, string> = {
  BAD_CREDENTIALS:
    'The key or token no longer works. Go back to the Connect step and test the connection again.',
  MISSING_SCOPE:
    'After changing the access, press Continue copying: what was copied is kept.',
  NOT_AUTHORIZED:
    'Authorize the app again in your store admin (Modules › REST API), then press Continue copying.',
  NETWORK_UNREACHABLE:
    'Check your internet connection, then press Continue copying. Nothing copied so far is lost.',
  API_RETRIES_EXHAUSTED:
    'The store stayed busy for a long time. Press Continue copying to go on from where it stopped.',
  STORE_CREDENTIALS_MISSING:
    'Enter the key and token again on the Connect step, then continue.',
  ARCHIVE_LOCKED:
    'Once the other pull or program has finished with the archive, press Continue copying. Nothing copied so far is lost.',
  STORE_CREDENTIALS_UNREADABLE:
    'Enter the key and token again on the Connect step, then continue.',
}

const DEFAULT_ADVICE =
  'Press Continue copying to go on from where it stopped. If it keeps failing, send us the log file.'

export function adviceFor(code: string): string {
  return ADVICE[code] ?? DEFAULT_ADVICE
}
