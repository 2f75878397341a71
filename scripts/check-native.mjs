// After install: make sure the native sqlite3 binding loads, and say what to do if not.
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
try {
  require('sqlite3');
} catch (err) {
  console.error(
    'sqlite3 could not be loaded. Install a C++ toolchain (Debian: apt-get install build-essential python3) and run `npm rebuild sqlite3`.\n' +
      'Không nạp được sqlite3: cài bộ biên dịch C++ rồi chạy `npm rebuild sqlite3`.',
  );
  console.error(String(err));
  process.exit(1);
}
