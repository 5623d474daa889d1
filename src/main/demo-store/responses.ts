/** Response bodies and headers as the 3dcart API (ASP.NET Web API) sends them. */

export interface ApiResponse {
  status: number
  /**
   * The body, or its parts in order. A page is sent as parts so the server
   * never builds one megabyte-sized string per page.
   */
  body: string | readonly string[]
  contentType?: string
  headers?: Record<string, string>
}

/** Headers recorded on real successful responses. */
export const RECORDED_HEADERS: Readonly<Record<string, string>> = {
  'Cache-Control': 'no-cache',
  Pragma: 'no-cache',
  Expires: '-1',
  Server: '',
  'X-AspNet-Version': '4.0.30319',
  'X-Powered-By': '',
  'Access-Control-Allow-Origin': '*',
}

export const JSON_TYPE = 'application/json; charset=utf-8'

export const OFFSET_EXCEEDED =
  'Offset amount exceeds the total number of records'

/** Builds the API's error shape: an array of {Key, Value, Status, Message}. */
export function errorArray(
  status: number,
  message: string,
  value = '',
): ApiResponse {
  return {
    status,
    body: JSON.stringify([
      { Key: 'Error', Value: value, Status: String(status), Message: message },
    ]),
  }
}

export function json(status: number, value: unknown): ApiResponse {
  return { status, body: JSON.stringify(value) }
}

/** ASP.NET Web API's default body for a rejected request. */
export function unauthorized(): ApiResponse {
  return json(401, {
    Message: 'Authorization has been denied for this request.',
  })
}

/** ASP.NET Web API's default body when no route matches. */
export function noRoute(url: string): ApiResponse {
  return json(404, {
    Message: `No HTTP resource was found that matches the request URI '${url}'.`,
  })
}

/** Builds a page: the records' exact JSON texts joined into one array. */
export function page(raws: readonly string[]): ApiResponse {
  const parts: string[] = ['[']
  raws.forEach((raw, index) => {
    if (index > 0) parts.push(',')
    parts.push(raw)
  })
  parts.push(']')
  return { status: 200, body: parts }
}

/** Joins a body that was built in parts. */
export function bodyText(response: ApiResponse): string {
  return typeof response.body === 'string'
    ? response.body
    : response.body.join('')
}
