import type { DocumentType } from '../../../shared/searchDomain';
import { api } from './api';
import { errorMessage } from './errorMessage';
import { LatestRequest } from './latestRequest';

/**
 * The kinds of document in the archive (privacy policy, terms…), for the
 * document-type filters of search and trends. Loaded when first needed and
 * again after an import.
 */
export class DocumentTypesState {
  types = $state.raw<DocumentType[]>([]);
  loaded = $state(false);
  error = $state<string | null>(null);

  #request = new LatestRequest();

  /** Load the list unless it is already here (`force` after the archive changed). */
  async load(force = false): Promise<void> {
    if (this.loaded && !force) return;
    const isLatest = this.#request.begin();
    try {
      const types = await api.documents.types();
      if (!isLatest()) return;
      this.types = types;
      this.loaded = true;
      this.error = null;
    } catch (error) {
      if (isLatest()) this.error = `Could not load the document types: ${errorMessage(error)}`;
    }
  }

  titleOf(key: string): string | undefined {
    return this.types.find((type) => type.key === key)?.title;
  }

  /** Reload after imports; returns the unsubscribe function (an `$effect` cleanup). */
  connect(): () => void {
    return api.on('archive:changed', () => {
      if (this.loaded) void this.load(true);
    });
  }
}
