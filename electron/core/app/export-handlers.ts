// Handlers of the export channels: thin calls into ExportService.
import type { ExportService } from '../export/export-service';
import type { Handler } from './dispatch';
import { actorOf } from './duty-handlers';

export type ExportHandlers = {
  [
    C in
      | 'export.drives'
      | 'export.chooseFolder'
      | 'export.recentFolders'
      | 'export.plan'
      | 'export.start'
      | 'export.cancel'
      | 'export.list'
  ]: Handler<C>;
};

export function createExportHandlers(exports: ExportService): ExportHandlers {
  return {
    'export.drives': () => exports.drives(),
    'export.chooseFolder': () => exports.chooseFolder(),
    'export.recentFolders': () => exports.recentFolders(),
    'export.plan': (req) => exports.plan(req),
    'export.start': (req, ctx) => exports.begin(req, actorOf(ctx)),
    'export.cancel': (req, ctx) => exports.cancel(req.id, actorOf(ctx)),
    'export.list': (req) => exports.list(req),
  };
}
