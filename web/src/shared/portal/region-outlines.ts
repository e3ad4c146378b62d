// Simplified region outlines for the maps of the public portal and the big-screen dashboard,
// used when no map tile server is configured (issue #15). Drawn by hand for this project from
// the demo region's rough extent (青云谱区 of 南昌市 and the city around it): a dozen points
// each, accurate to a kilometre or so, enough to place the estates' points in context. Not a
// survey: never use them for boundaries. Coordinates are [longitude, latitude] (WGS 84).

export interface RegionOutline {
  type: 'Feature'
  properties: { code: string; name: string; nameEn: string }
  geometry: { type: 'Polygon'; coordinates: [number, number][][] }
}

export interface OutlineCollection {
  type: 'FeatureCollection'
  features: RegionOutline[]
}

function ring(points: [number, number][]): [number, number][] {
  // GeoJSON rings are closed: the last point repeats the first.
  return [...points, points[0]]
}

export const REGION_OUTLINES: OutlineCollection = {
  type: 'FeatureCollection',
  features: [
    {
      type: 'Feature',
      properties: { code: '360104', name: '青云谱区', nameEn: 'Qingyunpu District' },
      geometry: {
        type: 'Polygon',
        coordinates: [
          ring([
            [115.872, 28.652],
            [115.897, 28.659],
            [115.921, 28.654],
            [115.944, 28.646],
            [115.958, 28.628],
            [115.962, 28.604],
            [115.949, 28.583],
            [115.925, 28.571],
            [115.899, 28.574],
            [115.880, 28.588],
            [115.866, 28.609],
            [115.863, 28.632],
          ]),
        ],
      },
    },
    {
      type: 'Feature',
      properties: { code: '3601', name: '南昌市', nameEn: 'Nanchang' },
      geometry: {
        type: 'Polygon',
        coordinates: [
          ring([
            [115.62, 29.14],
            [115.95, 29.17],
            [116.22, 29.06],
            [116.38, 28.88],
            [116.55, 28.62],
            [116.42, 28.38],
            [116.18, 28.2],
            [115.92, 28.14],
            [115.7, 28.24],
            [115.47, 28.42],
            [115.44, 28.7],
            [115.5, 28.96],
          ]),
        ],
      },
    },
  ],
}
