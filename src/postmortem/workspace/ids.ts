/** Giving the workspace's list items (W1, F2, C3, A4, T5, I6) an id when they lack one, with the engines' nextId. */
import { nextId } from '../engines/index.js';
import { InputError, NotFoundError } from '../../shared/errors.js';


/** Gives every item without an id the next free one, in list order. */
export function withIds<T extends { id?: string | undefined }>(items: readonly T[], prefix: string): T[] {
  const ids = items.map((i) => i.id);
  return items.map((item) => {
    if (item.id) return item;
    const id = nextId(prefix, ids);
    ids.push(id);
    return { ...item, id };
  });
}

/** The index of the item with `id`, or a not-found error naming what exists. */
export function indexOfId(items: readonly { id?: string | undefined }[], id: string, what: string): number {
  const wanted = id.trim().toUpperCase();
  const i = items.findIndex((x) => x.id === wanted);
  if (i < 0) {
    const known = items.map((x) => x.id).filter(Boolean);
    throw new NotFoundError(`no ${what} ${id}${known.length ? `; there are ${known.slice(0, 20).join(', ')}${known.length > 20 ? '…' : ''}` : ''}`);
  }
  return i;
}

export function requireText(value: string | undefined, what: string): string {
  const v = value?.trim();
  if (!v) throw new InputError(`${what} must not be empty`);
  return v;
}
