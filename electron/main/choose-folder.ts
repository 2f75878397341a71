// The native folder picker for export destinations ("Chọn thư mục khác…").
import { dialog, type BrowserWindow } from 'electron';

export async function chooseExportFolder(win: BrowserWindow | null): Promise<string | null> {
  const options = {
    title: 'Chọn thư mục lưu dữ liệu xuất',
    buttonLabel: 'Chọn thư mục này',
    properties: ['openDirectory', 'createDirectory'] as Array<'openDirectory' | 'createDirectory'>,
  };
  const result = win
    ? await dialog.showOpenDialog(win, options)
    : await dialog.showOpenDialog(options);
  return result.canceled ? null : (result.filePaths[0] ?? null);
}
