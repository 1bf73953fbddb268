/** Another consumer holds a claim in this batch: try the batch again. */
export class ClaimBusyError extends Error {
  readonly code = 'WAP_PROCESSOR_CLAIM_BUSY';
  readonly retriable = true;

  // The key itself stays out of the message: a group status key names a
  // participant, which is a phone number.
  constructor() {
    super('an identity of this batch is being processed elsewhere');
    this.name = 'ClaimBusyError';
  }
}

/** A record kept failing in our own code; it goes to the DLQ. */
export class RecordFailedError extends Error {
  readonly code = 'WAP_PROCESSOR_RECORD_FAILED';
  readonly retriable = false;

  constructor(attempts: number, cause: unknown) {
    super(`record failed after ${attempts} attempts`, { cause });
    this.name = 'RecordFailedError';
  }
}
