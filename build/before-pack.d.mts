// Types of build/before-pack.mjs for the packaging tests.
export interface BeforePackContext {
  electronPlatformName: string;
  packager: { projectDir: string };
}
export function windowsToolProblem(file: string): string | null;
export function windowsPackagingProblems(projectDir: string): string[];
export function linuxPackagingProblems(projectDir: string): string[];
export function beforePack(context: BeforePackContext): Promise<void>;
export default beforePack;
