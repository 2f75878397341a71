// Writes resources/winsw/station-console-service.xml for the Windows package
// (npm run dist:win). WinSW's exe itself is not fetched: see resources/winsw/README.md.
//   tsx scripts/packaging/write-winsw-xml.ts [project dir, default .]
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { APP_EXECUTABLE_NAME, WINSW_BASENAME, winswXml } from './winsw-config';

const file = path.join(process.argv[2] ?? '.', 'resources', 'winsw', `${WINSW_BASENAME}.xml`);
mkdirSync(path.dirname(file), { recursive: true });
writeFileSync(
  file,
  winswXml({
    executableName: APP_EXECUTABLE_NAME,
    displayName: 'Truc ban Camera - dich vu tram (station service)',
    description:
      'Ghi hình camera, lưu trữ và máy chủ video của trạm; chạy cả khi không ai đăng nhập. ' +
      'Records the cameras and serves video to the console, with or without anyone signed in.',
  }),
);
console.log(`wrote ${file}`);
