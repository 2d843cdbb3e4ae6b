package io.provisioning.bulk;

import java.io.File;
import org.apache.camel.Exchange;
import org.apache.camel.component.file.GenericFile;
import org.apache.camel.component.file.GenericFileEndpoint;
import org.apache.camel.component.file.GenericFileOperations;
import org.apache.camel.component.file.strategy.GenericFileExpressionRenamer;
import org.apache.camel.component.file.strategy.GenericFileRenameProcessStrategy;
import org.apache.camel.spi.Language;

/**
 * What the inbox consumer does with a file once its exchange ends: Camel's {@code move=done} and
 * {@code moveFailed=failed}, except for a reader that stopped because another instance took its file over
 * ({@link BulkFiles#CLAIM_LOST}): that file stays where it is, as the new holder is reading it and moves it when it is
 * done. Moved away, a holder that dies later would leave the file's remaining rows unread, and one that had not yet
 * opened it could not.
 */
public class InboxMoves extends GenericFileRenameProcessStrategy<File> {

    @Override
    public void prepareOnStartup(GenericFileOperations<File> operations, GenericFileEndpoint<File> endpoint)
            throws Exception {
        super.prepareOnStartup(operations, endpoint);
        // as the file component makes them for move=done and moveFailed=failed
        Language file = endpoint.getCamelContext().resolveLanguage("file");
        setCommitRenamer(new GenericFileExpressionRenamer<>(file.createExpression("done/${file:name}")));
        setFailureRenamer(new GenericFileExpressionRenamer<>(file.createExpression("failed/${file:name}")));
    }

    @Override
    public void commit(
            GenericFileOperations<File> operations,
            GenericFileEndpoint<File> endpoint,
            Exchange exchange,
            GenericFile<File> file)
            throws Exception {
        if (exchange.getProperty(BulkFiles.CLAIM_LOST, false, Boolean.class)) {
            operations.releaseRetrievedFileResources(exchange);
            deleteLocalWorkFile(exchange);
            return;
        }
        super.commit(operations, endpoint, exchange, file);
    }
}
