import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { tempDir } from '../recording/testing/recording-test-kit';
import { ExportFailure } from './export-errors';
import {
  MAX_FOLDER_NAME,
  asciiNamePart,
  cameraFileName,
  exportFolderName,
  freeFolderName,
} from './export-folder-name';
import { nodeFsOps } from './fs-ops';
import { errno } from './testing/faulty-fs';

/** 20:15:00 at the station (UTC+7) on 27/11/2026. */
const AT_2015 = Date.UTC(2026, 10, 27, 13, 15, 0);
const AT_2030 = AT_2015 + 15 * 60_000;
/** Names Windows, FAT32 and exFAT all accept, without surprises for a shell. */
const PORTABLE = /^[A-Za-z0-9_-]+(\.[a-z0-9]+)?$/;

describe('exportFolderName', () => {
  it('names an incident export after the incident code and its start', () => {
    expect(exportFolderName({ incidentCode: '2026-0012', fromMs: AT_2015, toMs: AT_2030 })).toBe(
      'VV-2026-0012_2026-11-27_2015',
    );
  });

  it('names a range export after its start and end at the station', () => {
    expect(exportFolderName({ incidentCode: null, fromMs: AT_2015, toMs: AT_2030 })).toBe(
      'Trich-xuat_2026-11-27_2015-2030',
    );
  });

  it('uses the station date even where UTC is still the day before', () => {
    const at0030 = Date.UTC(2026, 10, 26, 17, 30, 0); // 00:30 on the 27th at UTC+7
    expect(exportFolderName({ incidentCode: null, fromMs: at0030 })).toBe(
      'Trich-xuat_2026-11-27_0030',
    );
  });

  it('appends the case number folded to ASCII', () => {
    expect(
      exportFolderName({
        incidentCode: '2026-0147',
        fromMs: AT_2015,
        caseNumber: 'CV 215/CAP-ĐTTH: "khẩn"?',
      }),
    ).toBe('VV-2026-0147_2026-11-27_2015_CV-215-CAP-DTTH-khan');
  });

  it('keeps a code that already starts with letters, and stays short and portable', () => {
    const name = exportFolderName({
      incidentCode: 'VV-2026-0012',
      fromMs: AT_2015,
      toMs: AT_2030,
      caseNumber: 'Số công văn rất dài của cơ quan điều tra công an quận Hoàn Kiếm. ',
    });
    expect(name.startsWith('VV-2026-0012_2026-11-27_2015_So-cong-van-rat-dai')).toBe(true);
    expect(name.length).toBeLessThanOrEqual(MAX_FOLDER_NAME - 4);
    expect(name).toMatch(PORTABLE);
    expect(name).not.toMatch(/[-. ]$/);
  });

  it('never yields a forbidden character whatever the case number', () => {
    const nasty = '<>:"/\\|?*. \t\u0000 ..';
    const name = exportFolderName({ incidentCode: null, fromMs: AT_2015, caseNumber: nasty });
    expect(name).toBe('Trich-xuat_2026-11-27_2015');
  });
});

describe('asciiNamePart', () => {
  it('removes Vietnamese marks and keeps đ as d', () => {
    expect(asciiNamePart('Cổng trường THCS Đống Đa', 60)).toBe('Cong-truong-THCS-Dong-Da');
    expect(asciiNamePart('đường', 60)).toBe('duong');
  });

  it('cuts to the limit without a trailing dash', () => {
    expect(asciiNamePart('Ngã tư Hàng Bạc', 8)).toBe('Nga-tu-H');
    expect(asciiNamePart('Ngã tư Hàng Bạc', 7)).toBe('Nga-tu');
  });
});

describe('cameraFileName', () => {
  it('numbers cameras from 01 and stamps the start to the second', () => {
    expect(cameraFileName(0, 'Cổng trường THCS', AT_2015)).toBe(
      'CAM01_Cong-truong-THCS_2026-11-27_201500.mp4',
    );
    expect(cameraFileName(11, 'Ngã tư Hàng Bạc – Đinh Liệt', AT_2015 + 7_500)).toBe(
      'CAM12_Nga-tu-Hang-Bac-Dinh-Liet_2026-11-27_201507.mp4',
    );
  });

  it('leaves out a name with nothing portable in it', () => {
    expect(cameraFileName(2, '摄像头 ★', AT_2015)).toBe('CAM03_2026-11-27_201500.mp4');
  });
});

describe('freeFolderName', () => {
  let dir: string;
  let cleanup: () => Promise<void>;
  beforeEach(async () => ({ dir, cleanup } = await tempDir('folder-name')));
  afterEach(() => cleanup());

  it('returns the name itself when nothing is there', async () => {
    expect(await freeFolderName(dir, 'VV-2026-0012_2026-11-27_2015')).toBe(
      'VV-2026-0012_2026-11-27_2015',
    );
  });

  it('skips names taken by a finished folder or by one still being written', async () => {
    const base = 'Trich-xuat_2026-11-27_2015-2030';
    await mkdir(join(dir, base));
    await mkdir(join(dir, `${base}-2.partial`));
    await mkdir(join(dir, `${base}-3`));
    expect(await freeFolderName(dir, base)).toBe(`${base}-4`);
  });

  it('reports a destination it cannot read by the export error code', async () => {
    const fs = { ...nodeFsOps, stat: () => Promise.reject(errno('ENODEV', 'stat')) };
    const err = await freeFolderName(dir, 'x', fs).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ExportFailure);
    expect((err as ExportFailure).code).toBe('destination_missing');
  });
});
