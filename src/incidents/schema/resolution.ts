/** Resolution and fix: workaround, permanent fix, testing, deployment and verification (system-failure log). */
import { z } from 'zod';
import { deploymentType, effectiveness, fixType, testResult, yesNo, yesNoOngoing, yesNoPartial } from './choices.js';
import { line, lines, text, timestamp } from './fields.js';

const configChange = z.strictObject({
  file: line().optional(),
  parameter: line().optional(),
  old_value: line().optional(),
  new_value: line().optional(),
});

export const resolutionSchema = z
  .strictObject({
    workaround: z
      .strictObject({
        description: text().optional(),
        implemented_at: timestamp().optional(),
        effectiveness: effectiveness.one().optional(),
      })
      .optional(),
    permanent_fix: z
      .strictObject({
        description: text().optional(),
        types: fixType.many().optional(),
        code_changes: z
          .strictObject({
            repository: line().optional(),
            branch: line().optional(),
            commit: line().optional(),
            files_modified: text().optional(),
          })
          .optional(),
        configuration_changes: z.array(configChange).max(100).optional(),
        hardware_changes: z
          .strictObject({
            component: line().optional(),
            old_part: line().optional(),
            new_part: line().optional(),
            serial_numbers: line().optional(),
          })
          .optional(),
        system_changes: z
          .strictObject({ package: line().optional(), old_version: line().optional(), new_version: line().optional() })
          .optional(),
      })
      .optional(),
    testing: z
      .strictObject({
        unit: text().optional(),
        integration: text().optional(),
        stress: text().optional(),
        regression: text().optional(),
        result: testResult.one().optional(),
      })
      .optional(),
    deployment: z
      .strictObject({
        window_start: timestamp().optional(),
        window_end: timestamp().optional(),
        type: deploymentType.one().optional(),
        rollback_plan: text().optional(),
      })
      .optional(),
    verification: z
      .strictObject({
        deployed_at: timestamp().optional(),
        period: line().optional(),
        monitoring_enhanced: yesNo.one().optional(),
        follow_up_tests_passed: yesNoOngoing.one().optional(),
        success_criteria: lines().optional(),
        all_criteria_met: yesNoPartial.one().optional(),
      })
      .optional(),
  })
  .meta({ id: 'Resolution', description: 'Workaround, permanent fix, testing, deployment and verification.' });
