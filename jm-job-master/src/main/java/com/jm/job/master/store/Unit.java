package com.jm.job.master.store;

/**
 * One run of a multi-run fire, before it is inserted as a unit row.
 *
 * @param index its shard index (for broadcast, the node's position among the fire's nodes)
 * @param param its shard parameter, or null
 * @param nodeId the one node that may run it (broadcast), or null
 * @param tags tags a node needs to claim it (stored form), or null
 */
public record Unit(int index, String param, Long nodeId, String tags) {}
