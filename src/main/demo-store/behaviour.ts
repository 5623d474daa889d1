/**
 * Behaviours that no public source settles, each with the most likely
 * choice as the default so tests can also exercise the alternatives.
 */
import { getEntity } from '../../shared/entities.ts'
import { errorArray, type ApiResponse } from './responses.ts'
import type { Route } from './routes.ts'

export interface UncertainBehaviour {
  /**
   * Body of a 404 for "no records": the API's error array (default) or
   * nothing, as some 404 rows of the documentation say "no response content".
   */
  notFoundBody: 'error-array' | 'empty'
  /** `offset=0`: served like `offset=1` (default), or rejected with 400. */
  offsetZero: 'same-as-one' | 'reject'
  /** `limit` above the maximum: silently capped (default), or rejected. */
  oversizedLimit: 'cap' | 'reject'
}

export const DEFAULT_BEHAVIOUR: UncertainBehaviour = {
  notFoundBody: 'error-array',
  offsetZero: 'same-as-one',
  oversizedLimit: 'cap',
}

function maxPageSize(route: Route): number | null {
  switch (route.kind) {
    case 'list':
      return getEntity(route.entity).maxPageSize
    case 'children':
      return getEntity(route.entity).maxPageSize
    case 'skuinfo':
      return 200
    case 'embedded':
    case 'webhook-events':
      return 500
    default:
      return null
  }
}

/** Returns the 400 the alternative behaviours give, or null to go on. */
export function checkPaging(
  route: Route,
  query: URLSearchParams,
  behaviour: UncertainBehaviour,
): ApiResponse | null {
  const max = maxPageSize(route)
  if (max === null) return null
  if (behaviour.offsetZero === 'reject' && query.get('offset') === '0') {
    return errorArray(400, 'Offset must be 1 or greater', 'offset')
  }
  const limit = Number(query.get('limit'))
  if (behaviour.oversizedLimit === 'reject' && limit > max) {
    return errorArray(400, `Limit must not exceed ${max}`, 'limit')
  }
  return null
}

/** Applies the configured 404 body to a data 404. */
export function shapeNotFound(
  response: ApiResponse,
  behaviour: UncertainBehaviour,
): ApiResponse {
  if (response.status !== 404 || behaviour.notFoundBody === 'error-array') {
    return response
  }
  return { ...response, body: '' }
}
