/**
 * WordPress without pretty permalinks serves its REST API at `/?rest_route=<route>` (and
 * `/index.php?rest_route=<route>`); routes.ts answers such a request as `/wp-json<route>`.
 */

/**
 * `/?rest_route=/fluent-booking/v2/reports&startTime=` -> ['/fluent-booking/v2/reports',
 * 'startTime=']; undefined without a rest_route parameter. As PHP's $_GET, the last one wins.
 */
export function restRouteOf(url: string): [string, string] | undefined {
  const at = url.indexOf('?')
  if (at === -1) return undefined
  let route: string | undefined
  const rest: string[] = []
  for (const part of url.slice(at + 1).split('&')) {
    const equals = part.indexOf('=')
    const name = equals === -1 ? part : part.slice(0, equals)
    let decoded: string
    try {
      decoded = decodeURIComponent(name.replace(/\+/g, ' '))
    } catch {
      decoded = name
    }
    if (decoded !== 'rest_route') {
      if (part !== '') rest.push(part)
      continue
    }
    const value = equals === -1 ? '' : part.slice(equals + 1)
    try {
      route = decodeURIComponent(value.replace(/\+/g, ' '))
    } catch {
      route = value
    }
  }
  return route === undefined ? undefined : [route, rest.join('&')]
}
