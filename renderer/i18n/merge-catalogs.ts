// One dictionary from the per-folder message files, keeping every key's type.
type UnionToIntersection<U> = (U extends unknown ? (u: U) => void : never) extends (
  i: infer I,
) => void
  ? I
  : never;

export type MergedCatalog<T extends Record<string, Record<string, string>>> = UnionToIntersection<
  T[keyof T]
>;

export function mergeCatalogs<T extends Record<string, Record<string, string>>>(
  byFolder: T,
): MergedCatalog<T> {
  return Object.assign({}, ...Object.values(byFolder)) as MergedCatalog<T>;
}
