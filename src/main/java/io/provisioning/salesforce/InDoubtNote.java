package io.provisioning.salesforce;

/**
 * How an in-doubt create was resolved, as its report row tells it (error code column of a {@code success} row):
 * {@code ADOPTED} (found by the lookup and linked) or {@code UPSERTED} (sent again as an upsert on the external-id
 * field, which updated the record when the earlier attempt had been applied).
 */
record InDoubtNote(String code, String message) {

    static final String ADOPTED = "ADOPTED";
    static final String UPSERTED = "UPSERTED";

    static InDoubtNote adopted() {
        return new InDoubtNote(
                ADOPTED,
                "in doubt: the record an earlier attempt had created was found and adopted;"
                        + " no second record was created");
    }

    /**
     * The note of a create sent as an upsert: when the item was in doubt, or the upsert found the record already
     * there; else null (a plain create).
     */
    static InDoubtNote ofUpsert(String field, boolean inDoubt, boolean created) {
        return inDoubt || !created ? upserted(field, created) : null;
    }

    /** @param created Salesforce's {@code created} flag of the upsert */
    static InDoubtNote upserted(String field, boolean created) {
        return new InDoubtNote(
                UPSERTED,
                created
                        ? "in doubt: upsert on " + field
                                + " created the record (the earlier attempt had not been applied)"
                        : "upsert on " + field + " found the record an earlier attempt had created and updated it;"
                                + " no second record was created");
    }
}
