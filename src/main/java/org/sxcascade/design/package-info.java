/**
 * Static design of a two-section countercurrent cascade for a binary (or two-group) separation
 * from purity targets, by Xu Guangxian's closed-form theory: product split, optimum and minimum
 * flows, extraction ratios and stage-number estimates. See {@link org.sxcascade.design.XuDesign}
 * and {@code docs/design.md}.
 */
package org.sxcascade.design;
