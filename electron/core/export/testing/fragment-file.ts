// A fragment-copy export written to a plain file, for the tests: the clip's
// layout (fallback reasons fail the test) and its bytes.
import { writeFile } from 'node:fs/promises';
import type { ClipPlan } from '../clip-plan';
import { fragmentMp4Bytes, planFragmentMp4, type FragmentLayout } from '../fragment-mp4';

export async function layoutOf(plan: ClipPlan): Promise<FragmentLayout> {
  const planned = await planFragmentMp4(plan);
  if ('fallback' in planned) throw new Error(`fell back: ${planned.fallback}`);
  return planned.layout;
}

export async function writeLayout(layout: FragmentLayout, file: string): Promise<Buffer> {
  const parts: Buffer[] = [];
  for await (const chunk of fragmentMp4Bytes(layout)) parts.push(Buffer.from(chunk));
  const data = Buffer.concat(parts);
  await writeFile(file, data);
  return data;
}
