import type { z } from 'zod'

/** A request/response channel: the renderer calls, main answers. */
export interface ChannelSpec<
  Req extends z.ZodType = z.ZodType,
  Res extends z.ZodType = z.ZodType,
> {
  request: Req
  response: Res
}

export function channel<Req extends z.ZodType, Res extends z.ZodType>(
  request: Req,
  response: Res,
): ChannelSpec<Req, Res> {
  return { request, response }
}
