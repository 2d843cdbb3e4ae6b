-- Issue 21: work that must run once per cluster (retention, the reset inbox) runs on the instance that holds its
-- namespace's lease (cluster.DatabaseClusterService behind Camel's master: endpoints). The holder renews it while it
-- lives; once it has expired, another instance takes it over.
CREATE TABLE cluster_lease (
    namespace  VARCHAR(100) PRIMARY KEY,
    holder     VARCHAR(200) NOT NULL,
    expires_at TIMESTAMP WITH TIME ZONE NOT NULL
);
