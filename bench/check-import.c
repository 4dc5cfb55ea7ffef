/* SPDX-License-Identifier: MIT */
/*
 * check-import.c: read and link export files the way `check` does, and
 * nothing else, to time the importer on its own (bench/check-bench.sh).
 * Prints the resource counts.
 */
#include <fcntl.h>
#include <stdio.h>
#include <unistd.h>

#include "adc.h"

int
main(int argc, char **argv)
{
	struct adc_estate *est = adc_estate_new();
	struct adc_diag diag;
	enum adc_status st = ADC_OK;
	int i, fd;

	if (est == NULL)
		return 3;
	for (i = 1; i < argc && st == ADC_OK; i++) {
		adc_diag_init(&diag, argv[i]);
		fd = open(argv[i], O_RDONLY);
		if (fd < 0) {
			perror(argv[i]);
			adc_estate_free(est);
			return 2;
		}
		st = adc_estate_read_fd(est, fd, argv[i], &diag);
		close(fd);
	}
	if (st == ADC_OK)
		st = adc_estate_link(est, &diag);
	if (st != ADC_OK) {
		fprintf(stderr, "%s:%lu:%lu: %s (at %s)\n", diag.source,
		    diag.line, diag.col, diag.msg, diag.pointer);
		adc_estate_free(est);
		return 2;
	}
	printf("%zu VMs, %zu disks, %zu DES, %zu vaults, %zu notes\n",
	    est->n_vms, est->n_disks, est->n_des, est->n_vaults, est->n_notes);
	adc_estate_free(est);
	return 0;
}
