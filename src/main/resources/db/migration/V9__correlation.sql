-- The correlation id of the request that caused a piece of outbox work (HTTP X-Correlation-Id, JMS correlation id,
-- or one generated at intake), so its Salesforce calls and report log lines can be joined to that request.
ALTER TABLE provisioning_outbox ADD COLUMN correlation_id VARCHAR(100);
