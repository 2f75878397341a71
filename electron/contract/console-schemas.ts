// What a console reports to the station service about itself: its page crashed
// or hung and was reloaded. The service audits it (audit action console.*), so a
// blank or frozen duty-room screen leaves a trace beside who was on duty.
import { z } from 'zod';

export const ConsoleEventKind = z.enum(['renderer_crashed', 'renderer_hung']);
export type ConsoleEventKind = z.infer<typeof ConsoleEventKind>;

export const ConsoleEventInput = z
  .object({
    kind: ConsoleEventKind,
    /** Electron's reason for a crash ('crashed', 'oom', 'killed', …). */
    reason: z
      .string()
      .max(40)
      .regex(/^[a-z-]+$/)
      .optional(),
    exitCode: z.number().int().optional(),
  })
  .strict();
export type ConsoleEventInput = z.input<typeof ConsoleEventInput>;
