package se.saknad.children;

import java.util.UUID;

/**
 * Published inside the transaction that folds {@code mergedId} into {@code childId}, before either
 * record changes, so that the features holding records of the child move them along (or refuse the
 * merge with a problem, which rolls it back).
 */
public record ChildrenMerging(UUID childId, UUID mergedId) {}
