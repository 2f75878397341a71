// The folders earlier exports went to, asked once when the dialog opens; a failure
// leaves the list empty (the drives and the typed path still work).
import type { RecentFolder } from '../../electron/contract/export-schemas';
import { useAnswer } from '../api/use-answer';

const NONE: RecentFolder[] = [];

export function useRecentFolders(): RecentFolder[] {
  return useAnswer((api) => api.exports.recentFolders(), NONE, 'recent-folders');
}
