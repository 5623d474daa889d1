/** The category tree of an archive, for paths, depths and redirects. */
import type { ArchiveSource } from '../source.ts'

export interface CategoryNode {
  id: number
  name: string
  parentId: number
  link: string
}

export class CategoryTree {
  private readonly nodes = new Map<number, CategoryNode>()

  static load(source: ArchiveSource): CategoryTree {
    const tree = new CategoryTree()
    if (!source.hasTable('categories')) return tree
    const rows = source.db
      .prepare('SELECT id, name, parent_id, link FROM categories ORDER BY id')
      .all() as Array<{
      id: number
      name: string | null
      parent_id: number | null
      link: string | null
    }>
    for (const row of rows) {
      tree.nodes.set(row.id, {
        id: row.id,
        name: (row.name ?? '').trim(),
        parentId: row.parent_id ?? 0,
        link: row.link ?? '',
      })
    }
    return tree
  }

  all(): CategoryNode[] {
    return [...this.nodes.values()]
  }

  get(id: number): CategoryNode | undefined {
    return this.nodes.get(id)
  }

  /** Names from the top category down to `id`; stops at a loop. */
  path(id: number): string[] {
    const names: string[] = []
    const seen = new Set<number>()
    let current = this.nodes.get(id)
    while (current !== undefined && !seen.has(current.id)) {
      seen.add(current.id)
      names.unshift(current.name)
      current =
        current.parentId === 0 ? undefined : this.nodes.get(current.parentId)
    }
    return names
  }
}
