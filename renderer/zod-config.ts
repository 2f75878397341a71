// Imported first by main.tsx, before any schema is built or parsed: zod would
// otherwise probe `new Function` for its JIT, which the CSP (rightly) refuses.
import { z } from 'zod';

z.config({ jitless: true });
